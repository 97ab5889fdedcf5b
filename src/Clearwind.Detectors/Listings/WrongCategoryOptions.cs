using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Listings;

/// <summary>
/// Options of <c>listing.wrong_category</c> (类目错放, SPEC §2.4): a listing filed under a category that its title and
/// attributes disagree with. What each category's listings say (title character n-grams, attribute keys and values) is
/// learned from the marketplace's own listings as they stream in; no product→category table is built in.
/// </summary>
public sealed class WrongCategoryOptions : DetectorOptions
{
    /// <summary>Listings the model must have counted before any listing is judged (the settle period).</summary>
    /// <value>
    /// Default 2000: about a hundred listings per category in a marketplace of some twenty categories (the smallest
    /// past <see cref="MinCategoryListings"/>), enough for a product word to show where it belongs. Listings seen before
    /// are judged once the model has settled.
    /// </value>
    [Range(10, 10_000_000)]
    public int MinListings { get; set; } = 2000;

    /// <summary>Listings that both the declared category and the category the listing points to need before either is compared.</summary>
    /// <value>
    /// Default 40: with fewer, "almost never seen in this category" means nothing (a new category with a handful of
    /// listings is left alone until it fills). A listing whose declared category is thinner waits for it.
    /// </value>
    [Range(5, 1_000_000)]
    public int MinCategoryListings { get; set; } = 40;

    /// <summary>Shortest title character n-gram counted (Chinese titles have no spaces, so words are not split).</summary>
    /// <value>Default 2: most Chinese product words are two to four characters long.</value>
    [Range(1, 8)]
    public int MinGram { get; set; } = 2;

    /// <summary>Longest title character n-gram counted.</summary>
    /// <value>Default 4.</value>
    [Range(1, 8)]
    public int MaxGram { get; set; } = 4;

    /// <summary>Listings of a category that must carry a word or attribute before it speaks for that category.</summary>
    /// <value>Default 5: a word a handful of sellers happened to use says nothing about a category.</value>
    [Range(1, 1_000_000)]
    public int MinSupport { get; set; } = 5;

    /// <summary>Share of a category's listings that must carry a word or attribute before it speaks for that category.</summary>
    /// <value>
    /// Default 0.03: a category's product words each sit in several percent of its titles and its attribute keys in
    /// nearly all of its listings; rare marketing words and brand-plus-word accidents stay below.
    /// </value>
    [Range(0.0001, 1)]
    public double MinShare { get; set; } = 0.03;

    /// <summary>
    /// How many times more common (as a share of listings) a word or attribute must be in another category than in the
    /// declared one to say the listing belongs there.
    /// </summary>
    /// <value>
    /// Default 20: a product honestly sold in two categories (衬衫 in women's and men's wear) is within a factor of a few
    /// in both; a product word filed in the wrong category is hundreds of times rarer there, and the few other misfiled
    /// listings that poison the declared category's counts do not bring it near.
    /// </value>
    [Range(2.0, 1_000_000.0)]
    public double MinRatio { get; set; } = 20;

    /// <summary>Largest share of the declared category's listings that may carry a word or attribute that says another category.</summary>
    /// <value>Default 0.01: the product word of the title is almost never seen in the declared category.</value>
    [Range(0.0, 1.0)]
    public double MaxDeclaredShare { get; set; } = 0.01;

    /// <summary>
    /// How many times more common in the declared category than in the other one a word or attribute of the listing
    /// must be to speak for the declared category; one such word in the title, or one such attribute, clears the listing.
    /// </summary>
    /// <value>
    /// Default 8: real support for the declared category (男士 in a men's-wear title, the category's own attribute key
    /// 版型, a product word of its own) keeps a listing that merely also names another category's word, such as a
    /// stuffed title or a title that disagrees with its own attributes (those are other patterns). Generic trade words
    /// that one category happens to use more (厂家, 现货 in hardware titles: about 4× the share elsewhere) must not, or
    /// a misfiled honey listing titled 厂家直销 would pass as hardware.
    /// </value>
    [Range(1.0, 1_000_000.0)]
    public double OwnRatio { get; set; } = 8;

    /// <summary>Score of a listing whose title and attributes both say another category: a title word and an attribute.</summary>
    /// <value>Default 0.75; each further title word or attribute key adds <see cref="ScorePerSign"/>, up to 0.95.</value>
    [Range(0.01, 0.99)]
    public double BaseScore { get; set; } = 0.75;

    /// <summary>Score each further title word or attribute key that says the other category adds.</summary>
    /// <value>Default 0.05.</value>
    [Range(0, 0.5)]
    public double ScorePerSign { get; set; } = 0.05;

    /// <summary>Score of a listing without attributes whose title alone says another category.</summary>
    /// <value>Default 0.6: below the default review threshold (0.7), so a person looks before a demotion.</value>
    [Range(0.01, 0.99)]
    public double TitleOnlyScore { get; set; } = 0.6;

    /// <summary>Days a listing waiting to be judged (its declared category still too thin) is kept.</summary>
    /// <value>Default 14.</value>
    [Range(1, 3650)]
    public int PendingDays { get; set; } = 14;

    /// <summary>Days a listing's open case is kept without a new edit.</summary>
    /// <value>Default 60: long enough to tell a later fix (the listing moved back) from a relapse.</value>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 60;

    /// <inheritdoc/>
    protected override IEnumerable<string> ValidateMore()
    {
        if (MaxGram < MinGram)
        {
            yield return "max_gram is below min_gram";
        }
    }
}

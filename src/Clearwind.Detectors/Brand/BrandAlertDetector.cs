using System.Globalization;
using Clearwind.Accounts;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Brand;

/// <summary>
/// <c>brand.alert</c>: a review that names a known brand (one a shop is authorised for or a listing declares) and calls
/// the goods fake or a scam (假货, 骗人, 山寨…), unless the word is denied (不是假货) or a well-rated review vouches for
/// the goods (正品). Each such review is one finding about the review itself; the alert goes to the brand and nothing
/// is done to the reviewer. State: the brand book and each listing's shop (one entry per brand and per listing).
/// </summary>
internal sealed class BrandAlertDetector : Detector
{
    public static readonly PatternId Id = new("brand.alert");

    private readonly BrandAlertOptions _options;
    private readonly string[] _alertWords;
    private readonly string[] _negations;
    private readonly string[] _affirmations;
    private readonly BrandBook _brands;
    private readonly Dictionary<string, string> _listingShops = new(StringComparer.Ordinal);

    public BrandAlertDetector(BrandAlertOptions options)
    {
        _options = options;
        _alertWords = Skeletons(options.AlertWords);
        _negations = Skeletons(options.Negations);
        _affirmations = Skeletons(options.Affirmations);
        _brands = new BrandBook(options.MinBrandLength);
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ShopOpened), typeof(ListingEvent), typeof(ReviewPosted));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        switch (e)
        {
            case ShopOpened shop:
                _brands.LearnShop(shop.Shop, shop.Brands, e.Id);
                break;
            case ListingEvent listing:
                _brands.LearnBrand(listing.Brand);
                if (listing.Shop is { } shopId)
                {
                    _listingShops[listing.Listing] = shopId;
                }

                break;
            case ReviewPosted review when !string.IsNullOrEmpty(review.Text):
                Consider(review, context);
                break;
        }
    }

    private static string[] Skeletons(string[] words)
        => [.. words.Select(Confusables.Skeleton).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)];

    private void Consider(ReviewPosted review, DetectionContext context)
    {
        var text = Confusables.Skeleton(review.Text);
        var alerts = AlertWordsIn(text);
        if (alerts.Count == 0)
        {
            return;
        }

        var brands = _brands.Find(text).Select(m => m.Brand).Distinct().ToList();
        if (brands.Count == 0)
        {
            return;
        }

        var rating = review.Rating ?? 0;
        if (rating >= _options.PositiveRating && Vouches(text))
        {
            return;
        }

        var score = rating is >= 1 and <= 2 ? 0.9 : rating == 3 ? 0.75 : 0.6;
        var entity = new EntityRef(EntityTypes.Review, review.Review);
        var quote = review.Text!.Length <= _options.MaxQuotedChars ? review.Text : review.Text[.._options.MaxQuotedChars] + "…";
        var shop = review.Listing is { } listing && _listingShops.TryGetValue(listing, out var s) ? s : null;
        var where = review.Listing is null ? "" : " on listing " + review.Listing + (shop is null ? "" : " of shop " + shop);
        var brandNames = string.Join("、", brands.Select(b => b.Name));
        context.Report(new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, review.Ts),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = score,
            Severity = score >= 0.9 ? Severity.Medium : Severity.Low,
            From = review.Ts,
            To = review.Ts,
            Evidence =
            [
                new Evidence(
                    string.Create(CultureInfo.InvariantCulture, $"Review {review.Review}{where} ({EvidenceText.Time(review.Ts)}, rating {(review.Rating is { } r ? r.ToString(CultureInfo.InvariantCulture) : "none")}) names {brandNames} with {string.Join("、", alerts)}: 「{quote}」. Alert for the brand; nothing is done to the reviewer."),
                    string.Create(CultureInfo.InvariantCulture, $"{(review.Listing is null ? "" : "商品 " + review.Listing + (shop is null ? "" : "（店铺 " + shop + "）") + " 下的")}评价 {review.Review}（{EvidenceText.Time(review.Ts)}，评分 {(review.Rating is { } z ? z.ToString(CultureInfo.InvariantCulture) : "无")}）提到 {brandNames}，并使用了 {string.Join("、", alerts)}：「{quote}」。仅向品牌方发出提醒，不对评价者采取任何措施。"),
                    [review.Id],
                    new Dictionary<string, double>
                    {
                        ["rating"] = rating,
                        ["alert_words"] = alerts.Count,
                        ["brands"] = brands.Count,
                        ["authorised_shops"] = brands.Sum(b => b.Shops),
                    }),
            ],
            Rule = "a review naming a brand together with a word calling the goods fake or a scam (假货, 骗人, 山寨…), not denied (不是假货) and not a well-rated review vouching for them (正品)",
        });
    }

    /// <summary>Alert words in the text that no negation just before them denies.</summary>
    private List<string> AlertWordsIn(string text)
    {
        var found = new List<string>();
        foreach (var word in _alertWords)
        {
            for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                if (!Denied(text, at))
                {
                    found.Add(word);
                    break;
                }
            }
        }

        return found;
    }

    private bool Denied(string text, int at)
    {
        var from = Math.Max(0, at - _options.NegationReach - 1);
        var before = text.AsSpan(from, at - from);
        foreach (var negation in _negations)
        {
            if (before.Contains(negation, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the text vouches for the goods: an affirmation that is not itself denied (不是正品).</summary>
    private bool Vouches(string text)
    {
        foreach (var word in _affirmations)
        {
            for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                if (!Denied(text, at) && !(at > 0 && text[at - 1] == '非'))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

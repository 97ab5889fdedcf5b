using Clearwind.Detection;
using Clearwind.Listings;

namespace Clearwind;

/// <summary>Adds <c>listing.banned_words</c> to a pipeline.</summary>
public static class BannedWordsPipelineBuilderExtensions
{
    /// <summary>Adds <c>listing.banned_words</c> (极限词: extreme advertising claims in a listing's title or description).</summary>
    public static DetectionPipelineBuilder AddBannedWords(this DetectionPipelineBuilder builder, BannedWordsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new BannedWordsOptions();
        return builder.Add(new BannedWordsDetector(options), options);
    }
}

namespace Clearwind.Detection;

/// <summary>
/// One piece of evidence: a sentence a seller can read, in English and in Simplified Chinese, the events behind it and its
/// figures. Both sentences state the same facts with the same figures; the Chinese one is required, so no detector can
/// leave a Chinese-reading seller with English only.
/// </summary>
/// <param name="Text">Plain-words statement in English.</param>
/// <param name="TextZh">The same statement in Simplified Chinese (written <c>text_zh</c>, beside SPEC §8's <c>text</c>).</param>
/// <param name="Events">Ids of the events it rests on.</param>
/// <param name="Figures">Named numbers (rates, counts, thresholds).</param>
public sealed record Evidence(string Text, string TextZh, IReadOnlyList<string> Events, IReadOnlyDictionary<string, double> Figures)
{
    /// <summary>The text in <paramref name="language"/> (<c>zh</c>/<c>zh-CN</c>/<c>zh_cn</c> for Chinese, else English); English when no Chinese was stored.</summary>
    public string In(string? language)
        => language is { } l && l.StartsWith("zh", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(TextZh) ? TextZh : Text;
}

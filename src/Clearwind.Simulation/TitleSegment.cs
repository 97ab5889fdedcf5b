namespace Clearwind.Simulation;

/// <summary>What a piece of a listing title is.</summary>
internal enum TitlePart
{
    Brand,
    Marketing,
    Style,
    Key,
    Feature,
    Product,
    Companion,
    Gender,
    Compatible,
    Spec,
    Stuffing,
    Claim,
}

/// <summary>One piece of a listing title (titles are their pieces joined without spaces).</summary>
internal readonly record struct TitleSegment(TitlePart Part, string Text)
{
    public static string Join(IEnumerable<TitleSegment> segments) => string.Concat(segments.Select(s => s.Text));

    public static int Length(IEnumerable<TitleSegment> segments) => segments.Sum(s => s.Text.Length);
}

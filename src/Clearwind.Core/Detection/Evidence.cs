namespace Clearwind.Detection;

/// <summary>One piece of evidence: a sentence a seller can read, the events behind it and its figures.</summary>
/// <param name="Text">Plain-words statement.</param>
/// <param name="Events">Ids of the events it rests on.</param>
/// <param name="Figures">Named numbers (rates, counts, thresholds).</param>
public sealed record Evidence(string Text, IReadOnlyList<string> Events, IReadOnlyDictionary<string, double> Figures);

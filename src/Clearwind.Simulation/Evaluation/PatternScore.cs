namespace Clearwind.Simulation.Evaluation;

/// <summary>How well one pattern (or family) was found, over (entity type, id) pairs.</summary>
/// <param name="Name">Pattern id or family name.</param>
/// <param name="Score">Precision, recall, F1.</param>
/// <param name="Missed">Labelled entities not found, as <c>type:id</c> (the first few).</param>
/// <param name="Wrong">Entities found that carry no label of it, as <c>type:id</c> (the first few).</param>
public sealed record PatternScore(string Name, Score Score, IReadOnlyList<string> Missed, IReadOnlyList<string> Wrong);

namespace Clearwind.Simulation.Evaluation;

/// <summary>How many honest look-alikes of one scenario were flagged.</summary>
/// <param name="Scenario">The look-alike scenario.</param>
/// <param name="Total">Labelled entities of it.</param>
/// <param name="Flagged">Of those, how many a finding named as actor or beneficiary, or a decision penalised.</param>
/// <param name="FlaggedIds">The flagged entities, as <c>type:id</c> (the first few).</param>
public sealed record LookAlikeResult(string Scenario, int Total, int Flagged, IReadOnlyList<string> FlaggedIds);

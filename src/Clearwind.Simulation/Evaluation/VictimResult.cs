namespace Clearwind.Simulation.Evaluation;

/// <summary>Victims of attacks and what happened to them: a victim must never be penalised.</summary>
/// <param name="Total">Labelled victims.</param>
/// <param name="Punished">Victims given a punitive decision or named as actor or beneficiary by a finding.</param>
/// <param name="Protected">Victims given a remedy: a <c>protect</c> or <c>refund_clicks</c> decision.</param>
/// <param name="PunishedIds">The punished victims, as <c>type:id</c> (the first few).</param>
public sealed record VictimResult(int Total, int Punished, int Protected, IReadOnlyList<string> PunishedIds);

namespace Clearwind.Storage;

/// <summary>
/// What the log's writer recorded beside the log with its last append: how many records the log holds and the hash of
/// the last one. The hash chain alone cannot tell a log whose last records were cut off from a shorter log; the seal can.
/// </summary>
/// <param name="Records">Records in the log after the last append.</param>
/// <param name="Head">The <c>hash</c> of the last record (<see cref="Policy.DecisionChain.Genesis"/> when there is none).</param>
public sealed record DecisionLogSeal(long Records, string Head);

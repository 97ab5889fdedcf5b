using Clearwind.Policy;

namespace Clearwind.Service.Live;

/// <summary>
/// The decision on one order right after its events were ingested: <c>clear</c> (no standing decision rests on a finding
/// naming it), <c>review</c> (only human-review decisions do) or <c>act</c> (a penalty does, e.g. its shop's fake orders are
/// voided), with those decisions.
/// </summary>
/// <param name="Order">Order id.</param>
/// <param name="Verdict">clear, review or act.</param>
/// <param name="Decisions">The standing decisions resting on findings that name the order.</param>
public sealed record OrderVerdict(string Order, string Verdict, IReadOnlyList<Decision> Decisions);

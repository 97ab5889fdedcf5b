namespace Clearwind.Service.Live;

/// <summary>What became of one request's events once they were durable, detected and decided.</summary>
/// <param name="Accepted">New events stored.</param>
/// <param name="Duplicates">Events whose id was already stored (ignored).</param>
/// <param name="Orders">With <c>?decide=true</c>: the verdict on every order the request's events name.</param>
public sealed record IngestOutcome(int Accepted, int Duplicates, IReadOnlyList<OrderVerdict>? Orders);

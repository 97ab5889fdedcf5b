namespace Clearwind.Service.Live;

/// <summary>What became of one request's events once they were durable (and, once the engine is warm, detected and decided).</summary>
/// <param name="Accepted">New events stored.</param>
/// <param name="Duplicates">Events whose id was already stored (ignored).</param>
/// <param name="Orders">With <c>?decide=true</c>: the verdict on every order the request's events name.</param>
/// <param name="Detected">False when the events were stored while the engine was still replaying its history after a
/// start: they are detected and decided as soon as the replay is done.</param>
public sealed record IngestOutcome(int Accepted, int Duplicates, IReadOnlyList<OrderVerdict>? Orders, bool Detected = true);

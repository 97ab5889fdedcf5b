namespace Clearwind.Orleans;

/// <summary>What one ingest request did: events accepted and committed, how many were new, and what was skipped.</summary>
/// <param name="Accepted">Events parsed and committed (new or repeated).</param>
/// <param name="Added">Events the store did not hold before.</param>
/// <param name="UnknownTypes">Lines of an unknown event type, skipped.</param>
/// <param name="Rejected">Malformed lines, by number and reason (never their content).</param>
public sealed record ClusterIngestResult(int Accepted, int Added, int UnknownTypes, IReadOnlyList<string> Rejected);

using System.Text.Json.Nodes;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Ingest;
using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Storage;

namespace Clearwind.Scanning;

/// <summary>One pattern tried on a few events: what it found and decided, the thresholds applied, and the near-miss probe.</summary>
/// <param name="Scan">The run (findings, decisions, events read, malformed lines).</param>
/// <param name="Options">The detector's effective options.</param>
/// <param name="Probes">Each numeric threshold moved alone to where the outcome flips; null when the input was too large to probe.</param>
public sealed record RuleTrialResult(ScanResult Scan, JsonObject Options, IReadOnlyList<ThresholdProbe>? Probes);

/// <summary>
/// <c>rules test</c>: runs only one pattern's detector (even when the policy disables it: trying it is the point), in
/// memory, with a throwaway identifier key, then probes its thresholds. Shared by the CLI and the service.
/// </summary>
public static class RuleTrial
{
    /// <summary>Events above which the near-miss probe (dozens of reruns of the detector) is skipped.</summary>
    public const int MaxProbedEvents = 200_000;

    /// <summary>Runs the trial.</summary>
    /// <exception cref="KeyNotFoundException">The policy has no such pattern.</exception>
    public static async Task<RuleTrialResult> RunAsync(EnforcementPolicy policy, string pattern, IReadOnlyList<IEventInput> inputs, IReadOnlyList<DetectorRegistration> catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!policy.Patterns.TryGetValue(pattern, out var rule))
        {
            throw new KeyNotFoundException($"unknown pattern '{pattern}'; known: {string.Join(", ", catalog.Select(r => r.Pattern.Value).Order(StringComparer.Ordinal))}");
        }

        var options = Backtest.EffectiveOptions(pattern, rule, catalog);
        var single = policy with { Patterns = new Dictionary<string, PatternPolicy>(StringComparer.Ordinal) { [pattern] = rule with { Enabled = true } } };
        ScanResult result;
        var events = new List<(long Ticks, long Seq, MarketEvent Event)>();
        await using (var store = new InMemoryStore())
        {
            var job = new ScanJob(store, () => single.BuildPipeline(catalog), new Decider(single), IdentifierKeyer.FromText(IdentifierKeyer.NewKeyHex()));
            result = await job.RunAsync(inputs, cancellationToken);
            await foreach (var stored in store.Events.ReadAllAsync(cancellationToken))
            {
                var e = EventParser.FromJson(stored.Utf8Json); // as stored: identifiers already keyed
                events.Add((e.Ts.UtcTicks, stored.Seq, e));
            }
        }

        var probes = events.Count > MaxProbedEvents
            ? null
            : NearMiss.Probe(pattern, rule, [.. events.OrderBy(e => e.Ticks).ThenBy(e => e.Seq).Select(e => e.Event)], catalog);
        return new RuleTrialResult(result, options, probes);
    }
}

using System.Text.Json.Nodes;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Ingest;
using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Storage;

namespace Clearwind.Scanning;

/// <summary>
/// What a changed policy would have decided on history, next to the current one (<c>clearwind rules backtest</c>).
/// Each policy's detection runs over the history in memory (an <see cref="InMemoryStore"/>, identifiers keyed with a
/// throwaway key), so no existing store is touched. When the two policies run the same detectors with the same
/// options, detection runs once and only the deciding is done twice.
/// </summary>
public static class Backtest
{
    /// <summary>Runs a scan job over inputs; the CLI passes one that shows progress.</summary>
    public delegate Task<ScanResult> Runner(ScanJob job, IReadOnlyList<IEventInput> inputs, CancellationToken cancellationToken);

    /// <summary>
    /// True when both policies run the same detectors with the same effective options (defaults filled in), so their
    /// findings are the same and only actions and cut-offs can differ.
    /// </summary>
    /// <exception cref="PolicyException">A policy names an unknown pattern or has invalid options.</exception>
    public static bool SameDetection(EnforcementPolicy a, EnforcementPolicy b, IEnumerable<DetectorRegistration> catalog)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byId = catalog.ToDictionary(r => r.Pattern.Value, StringComparer.Ordinal);
        var ids = a.Patterns.Keys.Union(b.Patterns.Keys, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var ra = a.Patterns.GetValueOrDefault(id);
            var rb = b.Patterns.GetValueOrDefault(id);
            var runsA = ra is { Enabled: true };
            var runsB = rb is { Enabled: true };
            if (runsA != runsB)
            {
                return false;
            }

            if (runsA && !JsonNode.DeepEquals(EffectiveOptions(id, ra!, byId), EffectiveOptions(id, rb!, byId)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A pattern's options as its detector applies them: the policy's values with the defaults filled in.</summary>
    /// <exception cref="PolicyException">The pattern is unknown or its options are invalid.</exception>
    public static JsonObject EffectiveOptions(string pattern, PatternPolicy rule, IEnumerable<DetectorRegistration> catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return EffectiveOptions(pattern, rule, catalog.ToDictionary(r => r.Pattern.Value, StringComparer.Ordinal));
    }

    /// <summary>
    /// Runs the history under both policies and compares. <paramref name="openInputs"/> is called once per detection
    /// run (inputs are read again rather than held in memory).
    /// </summary>
    /// <exception cref="PolicyException">A policy is invalid (checked before anything is read).</exception>
    public static async Task<BacktestResult> RunAsync(
        EnforcementPolicy baseline,
        EnforcementPolicy candidate,
        IReadOnlyList<DetectorRegistration> catalog,
        Func<IReadOnlyList<IEventInput>> openInputs,
        Runner? runner = null,
        int parallelism = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(openInputs);
        runner ??= static (job, inputs, ct) => job.RunAsync(inputs, ct);
        _ = baseline.BuildPipeline(catalog);
        _ = candidate.BuildPipeline(catalog);
        var same = SameDetection(baseline, candidate, catalog);

        // One throwaway key for both runs: the same raw identifier keys the same way in both, and nowhere else.
        var keyer = IdentifierKeyer.FromText(IdentifierKeyer.NewKeyHex());
        var baseScan = await DetectAsync(baseline, catalog, keyer, openInputs(), runner, parallelism, cancellationToken);
        var candidateFindings = same
            ? baseScan.Findings
            : (await DetectAsync(candidate, catalog, keyer, openInputs(), runner, parallelism, cancellationToken)).Findings;

        return BacktestResult.Compare(baseScan, baseScan.Findings, Decide(baseline, baseScan.Findings), candidateFindings, Decide(candidate, candidateFindings), same ? 1 : 2);
    }

    /// <summary>Decides on findings the way a scan does: in order of end time, then id (strikes count in that order).</summary>
    public static IReadOnlyList<Decision> Decide(EnforcementPolicy policy, IEnumerable<Finding> findings)
    {
        var decider = new Decider(policy);
        var decisions = new List<Decision>();
        foreach (var finding in findings.OrderBy(f => f.To).ThenBy(f => f.Id, StringComparer.Ordinal))
        {
            decisions.AddRange(decider.Decide(finding));
        }

        return decisions;
    }

    private static async Task<ScanResult> DetectAsync(EnforcementPolicy policy, IReadOnlyList<DetectorRegistration> catalog, IdentifierKeyer keyer,
        IReadOnlyList<IEventInput> inputs, Runner runner, int parallelism, CancellationToken cancellationToken)
    {
        await using var store = new InMemoryStore();
        var job = new ScanJob(store, () => policy.BuildPipeline(catalog, new DetectionPipelineBuilder { Parallelism = parallelism }), new Decider(policy), keyer);
        return await runner(job, inputs, cancellationToken);
    }

    private static JsonObject EffectiveOptions(string pattern, PatternPolicy rule, Dictionary<string, DetectorRegistration> byId)
    {
        if (!byId.TryGetValue(pattern, out var registration))
        {
            throw new PolicyException("patterns." + pattern, "no detector reports this pattern; known: " + string.Join(", ", byId.Keys.Order(StringComparer.Ordinal)));
        }

        return OptionsJson.ToJson(OptionsJson.Bind(rule.Options, registration.OptionsType, $"patterns.{pattern}.options"), registration.OptionsType);
    }
}

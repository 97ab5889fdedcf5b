using System.Diagnostics;
using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Ingest;
using Clearwind.Policy;
using Clearwind.Privacy;

namespace Clearwind.Benchmarks;

/// <summary>
/// <c>decision-latency [warm-events]</c>: how long the engine takes to decide on one order event, from the parsed and
/// keyed event to its verdict, as the live service does it for <c>?decide=true</c>: every detector of the default
/// policy observes the event, every finding it changed is decided on again and reconciled with that finding's standing
/// decisions, and the order's verdict is read. The pipeline input's first <paramref name="warm-events"/> events (default
/// 800,000) build the state a running marketplace has (not timed); every order event after them is timed one by one
/// (the others are processed untimed). Prints the latency percentiles. SPEC §9 and issue 13 ask for p99 ≤ 50 µs.
/// </summary>
public static class DecisionLatency
{
    public static int Run(string[] args)
    {
        var warm = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 800_000;
        var path = MarketFile.EnsureWritten();
        var keyer = IdentifierKeyer.FromText(new string('k', 32));
        var events = new List<MarketEvent>(1_100_000);
        foreach (var record in new NdjsonInput(path).Read())
        {
            if (record.Result is { Status: ParseStatus.Ok, Event: { } e })
            {
                events.Add(keyer.Apply(e));
            }
        }

        // Event time order, as the service's replay and a scan see it.
        events = [.. events.OrderBy(e => e.Ts)];
        var policy = DetectorCatalog.DefaultPolicy();
        var decider = new Decider(policy);
        var pipeline = policy.BuildPipeline(DetectorCatalog.BuiltIn);
        var changed = new Dictionary<string, Finding>(StringComparer.Ordinal);
        pipeline.FindingReported += f => changed[f.Id] = f;
        var standing = new Dictionary<string, IReadOnlyList<Decision>>(StringComparer.Ordinal);
        var orderFindings = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        var latencies = new List<double>();
        var sweeping = new List<double>(); // the events that crossed a minute of event time: the pipeline swept before them
        var plain = new List<double>();
        var nextSweep = DateTimeOffset.MinValue;
        long decisions = 0, verdictsWithDecisions = 0;
        var gcBefore = GC.CollectionCount(2);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var order = OrderEvents.OrderOf(e);
            var timed = i >= warm && order is not null;
            // The pipeline's own rule (DetectionPipeline.Advance): a sweep before the first event past the next minute.
            var sweeps = e.Ts >= nextSweep && nextSweep != DateTimeOffset.MinValue;
            if (e.Ts >= nextSweep)
            {
                nextSweep = e.Ts + TimeSpan.FromMinutes(1);
            }

            var start = Stopwatch.GetTimestamp();

            changed.Clear();
            pipeline.Process(e);
            foreach (var finding in changed.Values)
            {
                var current = decider.Decide(finding);
                var logged = standing.GetValueOrDefault(finding.Id) ?? [];
                var (now, lifts) = DecisionReversals.Reconcile(logged, current, finding.To);
                standing[finding.Id] = now;
                decisions += lifts.Count + now.Count(d => !logged.Any(l => l.Id == d.Id));
                foreach (var (type, id) in finding.Related.Select(r => (r.Type, r.Id)).Append((finding.Entity.Type, finding.Entity.Id)))
                {
                    if (type == EntityTypes.Order)
                    {
                        var list = orderFindings.TryGetValue(id, out var ids) ? ids : orderFindings[id] = [];
                        if (!list.Contains(finding.Id))
                        {
                            list.Add(finding.Id);
                        }
                    }
                }
            }

            // The verdict: the order's findings' standing decisions.
            var verdict = 0;
            if (order is not null && orderFindings.TryGetValue(order, out var found))
            {
                foreach (var id in found)
                {
                    verdict += standing.GetValueOrDefault(id)?.Count ?? 0;
                }
            }

            if (timed)
            {
                var micros = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                latencies.Add(micros);
                (sweeps ? sweeping : plain).Add(micros);

                verdictsWithDecisions += verdict > 0 ? 1 : 0;
            }
        }

        var all = Percentiles(latencies);
        var withSweep = Percentiles(sweeping);
        var withoutSweep = Percentiles(plain);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{events.Count:N0} events, the first {warm:N0} to warm up; {latencies.Count:N0} order events timed ({verdictsWithDecisions:N0} with a standing decision, {sweeping.Count:N0} after a sweep); {decisions:N0} decisions made in all; {GC.CollectionCount(2) - gcBefore} gen2 collections"));
        Console.WriteLine("| order events | p50 | p90 | p99 | p99.9 | max | mean |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| all | {all} |");
        Console.WriteLine($"| that came after a sweep (the first past a minute of event time) | {withSweep} |");
        Console.WriteLine($"| the others | {withoutSweep} |");
        latencies.Sort();
        return latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(0.99 * latencies.Count) - 1)] <= 50 ? 0 : 1;
    }

    private static string Percentiles(List<double> values)
    {
        if (values.Count == 0)
        {
            return "– | – | – | – | – | –";
        }

        var sorted = values.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"{P(0.5):N1} µs | {P(0.9):N1} µs | {P(0.99):N1} µs | {P(0.999):N1} µs | {sorted[^1]:N0} µs | {sorted.Average():N1} µs");
    }
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Policy;

namespace Clearwind.Scanning;

/// <summary>
/// "Why did, or didn't, it fire" for <c>clearwind rules test</c>, without asking every detector to report its
/// near-misses: each numeric threshold option of the pattern is moved on its own, the rest held at the policy's values,
/// and the detector rerun over the same events, to find the nearest value in the option's allowed range at which the
/// outcome flips. When nothing fired, that is the least change of that one condition that makes it fire (the condition
/// that did not hold, and by how much); when something fired, it is the margin each condition held by. Options a flip
/// cannot hang on (evidence caps) are left out; booleans, strings and lists are not moved.
/// </summary>
public static class NearMiss
{
    /// <summary>Bisection steps for an option that takes fractions (a relative precision of 2⁻¹⁶ of the searched span).</summary>
    public const int FractionSteps = 16;

    /// <summary>Probes every threshold option of <paramref name="pattern"/> over <paramref name="events"/> (in event-time order).</summary>
    /// <exception cref="PolicyException">The pattern is unknown or its options are invalid.</exception>
    public static IReadOnlyList<ThresholdProbe> Probe(string pattern, PatternPolicy rule, IReadOnlyList<MarketEvent> events, IEnumerable<DetectorRegistration> catalog)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(events);
        var registrations = catalog.ToList();
        var registration = registrations.FirstOrDefault(r => r.Pattern.Value == pattern)
            ?? throw new PolicyException("patterns." + pattern, "no detector reports this pattern");
        var options = Backtest.EffectiveOptions(pattern, rule, registrations);
        var fired = Fires(pattern, rule, options, events, registrations);
        var probes = new List<ThresholdProbe>();
        foreach (var (name, node) in options.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            if (node is not JsonValue value || !value.TryGetValue<double>(out var current) || name.Contains("evidence", StringComparison.Ordinal)
                || Property(registration.OptionsType, name) is not { } property)
            {
                continue;
            }

            var integral = property.PropertyType == typeof(int) || property.PropertyType == typeof(long);
            var range = property.GetCustomAttribute<RangeAttribute>();
            var low = range is null ? (current > 0 ? 0 : current - 1_000) : Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
            var high = range is null ? (current > 0 ? current * 1_000 : current + 1_000) : Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
            bool FiresWith(double v)
            {
                var changed = (JsonObject)options.DeepClone();
                changed[name] = integral ? JsonValue.Create((long)v) : JsonValue.Create(v);
                return Fires(pattern, rule, changed, events, registrations);
            }

            // The nearer flip of the two directions: each side is checked at its bound first, then bisected.
            (double Holds, double Flips)? best = null;
            foreach (var bound in new[] { low, high })
            {
                if (bound == current || FiresWith(bound) == fired)
                {
                    continue;
                }

                var flip = Bisect(current, bound, integral, v => FiresWith(v) != fired);
                if (best is null || Distance(flip.Flips, current) < Distance(best.Value.Flips, current))
                {
                    best = flip;
                }
            }

            probes.Add(new ThresholdProbe(name, current, fired, best?.Holds, best?.Flips));
        }

        return probes;
    }

    /// <summary>True when the pattern's detector, with <paramref name="options"/>, reports anything over the events.</summary>
    private static bool Fires(string pattern, PatternPolicy rule, JsonObject options, IReadOnlyList<MarketEvent> events, IReadOnlyList<DetectorRegistration> catalog)
    {
        DetectionPipeline pipeline;
        try
        {
            var single = new EnforcementPolicy { Patterns = new Dictionary<string, PatternPolicy>(StringComparer.Ordinal) { [pattern] = rule with { Enabled = true, Options = options } } };
            pipeline = single.BuildPipeline(catalog);
        }
        catch (PolicyException)
        {
            return false; // a value the options refuse together with the others (e.g. keep_alpha below alpha) fires nothing
        }

        foreach (var e in events)
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings.Any(f => f.Pattern == pattern);
    }

    /// <summary>The value nearest <paramref name="from"/> towards <paramref name="to"/> at which <paramref name="flips"/> holds (it holds at <paramref name="to"/>).</summary>
    private static (double Holds, double Flips) Bisect(double from, double to, bool integral, Func<double, bool> flips)
    {
        if (integral)
        {
            // Steps of one from the policy's value: the least number of steps that flips.
            long lo = 0, hi = (long)Math.Abs(Math.Round(to) - Math.Round(from)), sign = Math.Sign(to - from);
            while (hi - lo > 1)
            {
                var mid = lo + ((hi - lo) / 2);
                if (flips(Math.Round(from) + (sign * mid)))
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            return (Math.Round(from) + (sign * lo), Math.Round(from) + (sign * hi));
        }

        // Wide positive ranges (alpha 1e-300 … 0.5, counts up to a million) are bisected on a log scale.
        var logScale = from > 0 && to > 0 && Math.Max(from, to) / Math.Min(from, to) > 100;
        double Map(double t) => logScale ? Math.Exp(Math.Log(from) + ((Math.Log(to) - Math.Log(from)) * t)) : from + ((to - from) * t);
        double low = 0, high = 1; // flips at high, not at low
        for (var step = 0; step < FractionSteps; step++)
        {
            var mid = (low + high) / 2;
            if (flips(Map(mid)))
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        return (Map(low), Map(high));
    }

    private static double Distance(double a, double b) => a > 0 && b > 0 ? Math.Abs(Math.Log(a / b)) : Math.Abs(a - b);

    private static PropertyInfo? Property(Type optionsType, string name)
        => optionsType.GetProperties().FirstOrDefault(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name) == name && (p.PropertyType == typeof(int) || p.PropertyType == typeof(long) || p.PropertyType == typeof(double)));
}

/// <summary>One threshold moved on its own (see <see cref="NearMiss"/>).</summary>
/// <param name="Option">The option (snake_case, as in the policy).</param>
/// <param name="Current">The policy's value.</param>
/// <param name="Fired">Whether the detector fired at the policy's values.</param>
/// <param name="HoldsTo">Farthest value towards <paramref name="FlipsAt"/> with the same outcome as the policy's; null when nothing flips.</param>
/// <param name="FlipsAt">Nearest value in the option's allowed range at which the outcome flips; null when none does.</param>
public sealed record ThresholdProbe(string Option, double Current, bool Fired, double? HoldsTo, double? FlipsAt);

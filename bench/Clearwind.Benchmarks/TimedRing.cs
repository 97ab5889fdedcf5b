using System.Diagnostics;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.OrderBrushing;

namespace Clearwind.Benchmarks;

/// <summary>
/// <c>order_brushing.ring</c> with a stopwatch around each call, to split its time into inserting events, the
/// pipeline's sweep calls that do only the cheap work (once a minute of event time), the full sweeps (every
/// <c>full_sweep_hours</c> once the graph grew by <c>sweep_growth</c>, as the detector counts them) and <c>Complete</c>.
/// </summary>
internal sealed class TimedRing(RingOptions options) : Detector
{

    public RingDetector Inner { get; } = new(options);

    public override PatternId Pattern => Inner.Pattern;

    public long ObserveTicks { get; private set; }

    public long SweepTicks { get; private set; }

    public long CompleteTicks { get; private set; }

    public int SweepCalls { get; private set; }

    /// <summary>The full sweeps: when (event time), how long, and the graph's edge slots then.</summary>
    public List<(DateTimeOffset At, TimeSpan Took, int Edges)> FullSweeps { get; } = [];

    /// <summary>Process CPU time of the sweep calls that ran a full sweep (on a shared machine, wall time is not).</summary>
    public TimeSpan FullSweepCpu { get; private set; }

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        var start = Stopwatch.GetTimestamp();
        Inner.Observe(e, context);
        ObserveTicks += Stopwatch.GetTimestamp() - start;
    }

    public override void Sweep(DetectionContext context)
    {
        // The detector counts its full sweeps (every full_sweep_hours, once the graph grew by sweep_growth).
        var before = Inner.FullSweepCount;
        var due = Inner.FullSweepDue(context.Now.UtcTicks);
        var cpu = due ? Process.GetCurrentProcess().TotalProcessorTime : TimeSpan.Zero;
        var start = Stopwatch.GetTimestamp();
        Inner.Sweep(context);
        var took = Stopwatch.GetTimestamp() - start;
        SweepCalls++;
        if (Inner.FullSweepCount > before)
        {
            FullSweeps.Add((context.Now, Stopwatch.GetElapsedTime(start, start + took), Inner.Graph.EdgeCount));
            FullSweepCpu += Process.GetCurrentProcess().TotalProcessorTime - cpu;
        }
        else
        {
            SweepTicks += took;
        }
    }

    public override void Complete(DetectionContext context)
    {
        var start = Stopwatch.GetTimestamp();
        Inner.Complete(context);
        CompleteTicks += Stopwatch.GetTimestamp() - start;
    }

    public static DetectionPipeline Pipeline(RingOptions options, out TimedRing ring)
    {
        ring = new TimedRing(options);
        return new DetectionPipelineBuilder().Add(ring, options).Build();
    }

    public void Print(int orders, string unit = "order")
    {
        static double S(long ticks) => ticks / (double)Stopwatch.Frequency;
        var full = FullSweeps.Sum(s => s.Took.TotalSeconds);
        var total = S(ObserveTicks + SweepTicks + CompleteTicks) + full;
        Console.WriteLine($"ring detector: {total:N2} s = {total * 1e6 / orders:N2} µs per paid {unit}");
        Console.WriteLine($"  Observe (insert events):           {S(ObserveTicks),7:N2} s  {S(ObserveTicks) * 1e6 / orders,6:N2} µs/{unit}");
        Console.WriteLine($"  full sweeps ({FullSweeps.Count,3}):                {full,7:N2} s  {full * 1e6 / orders,6:N2} µs/{unit}  (process CPU {FullSweepCpu.TotalSeconds:N2} s)");
        Console.WriteLine($"  other sweep calls ({SweepCalls - FullSweeps.Count:N0}):      {S(SweepTicks),7:N2} s  {S(SweepTicks) * 1e6 / orders,6:N2} µs/{unit}");
        Console.WriteLine($"  Complete (final sweep, reports):   {S(CompleteTicks),7:N2} s  {S(CompleteTicks) * 1e6 / orders,6:N2} µs/{unit}");
        Console.WriteLine("  full sweeps: " + string.Join(", ", FullSweeps.Select(s => $"{s.At:MM-dd HH:mm} {s.Took.TotalMilliseconds:N0} ms ({s.Edges / 1e6:N2} M edges)")));
    }
}

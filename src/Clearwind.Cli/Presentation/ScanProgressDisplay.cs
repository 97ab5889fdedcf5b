using Clearwind.Ingest;
using Clearwind.Scanning;
using Spectre.Console;

namespace Clearwind.Cli.Presentation;

/// <summary>Shows a scan's progress: live bars on a terminal, a line per phase when output is redirected.</summary>
internal static class ScanProgressDisplay
{
    public static async Task<ScanResult> RunAsync(ScanJob job, IReadOnlyList<IEventInput> inputs, bool quiet, CancellationToken cancellationToken)
    {
        var console = Consoles.Error;
        if (quiet)
        {
            return await job.RunAsync(inputs, cancellationToken);
        }

        if (!console.Profile.Capabilities.Interactive)
        {
            job.Progress = new PhaseLines(console);
            return await job.RunAsync(inputs, cancellationToken);
        }

        ScanResult? result = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                job.Progress = new Bars(context);
                result = await job.RunAsync(inputs, cancellationToken);
            });
        return result!;
    }

    private static string Describe(ScanProgress p) => p.Phase switch
    {
        ScanPhase.LoadingStore => "Loading stored events",
        ScanPhase.Reading => "Reading " + Path.GetFileName(p.Input),
        ScanPhase.Storing => "Storing new events",
        ScanPhase.Detecting => "Detecting",
        _ => "Deciding",
    };

    /// <summary>Live bars, one per phase (and per input while reading).</summary>
    private sealed class Bars(ProgressContext context) : IProgress<ScanProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public void Report(ScanProgress value)
        {
            lock (_gate)
            {
                var name = Describe(value);
                if (value.Phase == ScanPhase.Deciding)
                {
                    // Everything before deciding is done (storing and detecting run side by side).
                    foreach (var other in _tasks.Values)
                    {
                        other.Value = other.MaxValue;
                    }
                }

                if (!_tasks.TryGetValue(name, out var task))
                {
                    _tasks[name] = task = context.AddTask(Markup.Escape(name), maxValue: Math.Max(1, value.Total ?? 1));
                    task.IsIndeterminate = value.Total is null;
                }

                if (value.Total is null)
                {
                    // No total to measure against: show the count itself.
                    task.Description = Markup.Escape($"{name} ({value.Done:N0})");
                }
                else
                {
                    task.Value = Math.Min(value.Done, task.MaxValue);
                }
            }
        }
    }

    /// <summary>One plain line when a phase starts, and every million events, for logs and CI.</summary>
    private sealed class PhaseLines(IAnsiConsole console) : IProgress<ScanProgress>
    {
        private readonly Dictionary<string, long> _nextMark = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public void Report(ScanProgress value)
        {
            lock (_gate)
            {
                var name = Describe(value);
                if (!_nextMark.TryGetValue(name, out var mark))
                {
                    _nextMark[name] = 1_000_000;
                    console.WriteLine(value.Total is { } total ? $"{name} ({total:N0})" : name);
                }
                else if (value.Phase is ScanPhase.Detecting or ScanPhase.Storing && value.Done >= mark)
                {
                    console.WriteLine($"  {name}: {value.Done:N0}");
                    _nextMark[name] = mark + 1_000_000;
                }
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Clearwind.Events;
using Clearwind.Ingest;

namespace Clearwind.Benchmarks;

/// <summary>
/// <c>scan-scaling [scale…]</c>: how a real <c>clearwind scan</c> (every detector of the default policy, the SQLite store,
/// every output file) grows with its input. For each scale (default 0.02, 0.2, 2, 10, 20: about 10 k, 100 k, 1 M, 5 M and
/// 10 M events of <c>clearwind simulate --seed 1 --days 7</c>), the simulated marketplace is written once and kept under
/// <c>$TMPDIR/clearwind-bench/</c>, parsed once in this process (the parse-only baseline), then scanned by the CLI in a
/// child process whose peak resident memory (VmHWM) is read from <c>/proc</c> while it runs. Prints one table row per
/// scale: events, parse-only seconds, the scan process's seconds (start-up included) and the scan's own (summary.json's
/// <c>elapsed_ms</c>), its ratio to parse only, events/s and µs per event, peak memory and peak memory per 1,000 events.
/// </summary>
public static class ScanScaling
{
    public static async Task<int> RunAsync(string[] args)
    {
        double[] scales = args.Length > 1 ? [.. args.Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture))] : [0.02, 0.2, 2, 10, 20];
        var cli = CliPath();
        Console.WriteLine($"CLI: {cli}; machine: {Environment.ProcessorCount} cores; load average at start: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| scale | events | parse only | process | scan | × parse only | events/s | per event | peak memory | per 1,000 events | load average |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var scale in scales)
        {
            var input = await EnsureSimulatedAsync(cli, scale);
            var clock = Stopwatch.StartNew();
            long events = 0;
            foreach (var record in new NdjsonInput(input).Read())
            {
                events += record.Result.Status == ParseStatus.Ok ? 1 : 0;
            }

            var parse = clock.Elapsed;
            var output = Path.Combine(Path.GetDirectoryName(input)!, "scan-out");
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            var (scan, peakBytes, exit) = await RunScanAsync(cli, input, output);
            if (exit != 0)
            {
                Console.Error.WriteLine($"scan of scale {scale} exited with {exit}");
                return exit;
            }

            // The scan's own time (summary.json's elapsed_ms: reading to writing outputs) leaves out starting the process.
            using (var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "summary.json"))))
            {
                var inProcess = TimeSpan.FromMilliseconds(summary.RootElement.GetProperty("elapsed_ms").GetDouble());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {scale} | {events:N0} | {parse.TotalSeconds:N2} s | {scan.TotalSeconds:N2} s | {inProcess.TotalSeconds:N2} s | {inProcess / parse:N2} | {events / inProcess.TotalSeconds:N0} | {inProcess.TotalMicroseconds / events:N1} µs | {peakBytes / 1e6:N0} MB | {peakBytes / 1e3 / Math.Max(1, events / 1000.0):N1} kB | {LoadAverage()} |"));
            }

            Directory.Delete(output, recursive: true);
        }

        return 0;
    }

    private static async Task<string> EnsureSimulatedAsync(string cli, double scale)
    {
        var folder = Path.Combine(Path.GetTempPath(), "clearwind-bench", string.Create(CultureInfo.InvariantCulture, $"simulated-seed1-scale{scale}"));
        var events = Path.Combine(folder, "events.ndjson");
        if (!File.Exists(events))
        {
            var exit = await RunAsync(cli, ["simulate", "--seed", "1", "--days", "7", "--scale", scale.ToString(CultureInfo.InvariantCulture), "--out", folder, "--quiet"], null);
            if (exit.Exit != 0)
            {
                throw new InvalidOperationException($"clearwind simulate --scale {scale} exited with {exit.Exit}");
            }
        }

        return events;
    }

    private static async Task<(TimeSpan Elapsed, long PeakBytes, int Exit)> RunScanAsync(string cli, string input, string output)
    {
        long peak = 0;
        var result = await RunAsync(cli, ["scan", input, "--out", output, "--hmac-key", new string('k', 32), "--quiet"], pid => peak = Math.Max(peak, PeakResident(pid)));
        return (result.Elapsed, peak, result.Exit);
    }

    /// <summary>Runs the CLI to its end, calling <paramref name="sample"/> with its process id every 50 ms.</summary>
    private static async Task<(TimeSpan Elapsed, int Exit)> RunAsync(string cli, string[] arguments, Action<int>? sample)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        while (!process.HasExited)
        {
            sample?.Invoke(process.Id);
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(50));
        }

        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine(await stdout);
            Console.Error.WriteLine(await stderr);
        }

        return (elapsed, process.ExitCode);
    }

    /// <summary>The process's peak resident set (VmHWM), or 0 once it is gone.</summary>
    private static long PeakResident(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // exited between the check and the read
        }

        return 0;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>The built CLI of this checkout: <c>artifacts/bin/Clearwind.Cli/release/clearwind.dll</c> under the folder holding Clearwind.slnx.</summary>
    private static string CliPath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Clearwind.slnx")))
            {
                var cli = Path.Combine(folder.FullName, "artifacts", "bin", "Clearwind.Cli", "release", "clearwind.dll");
                return File.Exists(cli)
                    ? cli
                    : throw new InvalidOperationException($"build the CLI first: dotnet build -c Release src/Clearwind.Cli (looked for {cli})");
            }
        }

        throw new InvalidOperationException("run from a Clearwind checkout's bench build (no Clearwind.slnx above it)");
    }
}

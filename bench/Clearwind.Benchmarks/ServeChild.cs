using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Clearwind.Benchmarks;

/// <summary>
/// A real <c>clearwind serve</c> in a child process on 127.0.0.1, for the benches that load it from this process, kill it
/// and start it again: <c>dotnet clearwind.dll serve --store … --urls http://127.0.0.1:PORT</c>, with the CLI's own
/// runtimeconfig (server GC, the 6 MB gen-0 cap). The CLI is the one built in this checkout
/// (<c>artifacts/bin/Clearwind.Cli/release/clearwind.dll</c>), or <c>$CLEARWIND_CLI</c>. Its output goes to a log file
/// beside the store; ASP.NET Core logs warnings only, Clearwind information (the replay's line).
/// </summary>
internal sealed class ServeChild : IAsyncDisposable
{
    private readonly Process _process;
    private int _disposed;

    private ServeChild(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The CLI to run: <c>$CLEARWIND_CLI</c>, else this checkout's Release build.</summary>
    public static string Cli()
    {
        if (Environment.GetEnvironmentVariable("CLEARWIND_CLI") is { Length: > 0 } given)
        {
            return given;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "artifacts", "bin", "Clearwind.Cli", "release", "clearwind.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("no clearwind.dll: run `dotnet build -c Release src/Clearwind.Cli` or set CLEARWIND_CLI");
    }

    /// <summary>A port free on 127.0.0.1 now (the kernel's pick); the service is started on it again after each kill.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the service and returns once the process runs (not yet ready: see <see cref="WaitReadyAsync"/>).</summary>
    public static ServeChild Start(string store, int port, string log, params string[] environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(log))!, // no appsettings.json there: the settings below
            RedirectStandardOutput = false,
            RedirectStandardError = false,
            UseShellExecute = false,
        };

        // The child writes to the log file through the shell's redirection, so nothing in this process reads its output
        // (a reader thread would compete for the two cores and could hold the pipe when the child dies).
        start.FileName = "/bin/sh";
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec dotnet \"$0\" serve --store \"$1\" --urls \"$2\" >> \"$3\" 2>&1");
        start.ArgumentList.Add(Cli());
        start.ArgumentList.Add(store);
        start.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add(log);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Clearwind"] = "Information";
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var pair in environment)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            start.Environment[pair[..eq]] = pair[(eq + 1)..];
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the service process did not start");
        return new ServeChild(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
    }

    /// <summary>
    /// Polls <c>/healthz</c> every 20 ms until it answers 200 (serving; while it warms up that says <c>Degraded</c>), or with
    /// <paramref name="caughtUp"/> until it says <c>Healthy</c> (its replay done); the time from <paramref name="since"/>.
    /// </summary>
    public async Task<TimeSpan> WaitReadyAsync(long since, TimeSpan timeout, bool caughtUp = false)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the service exited with code {_process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK && (!caughtUp || await response.Content.ReadAsStringAsync() == "Healthy"))
                {
                    return Stopwatch.GetElapsedTime(since);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // listening but busy replaying
            }

            if (Stopwatch.GetElapsedTime(since) > timeout)
            {
                throw new TimeoutException($"/healthz did not answer 200 within {timeout.TotalSeconds:N0} s");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>An HTTP client of the service with an ingest key made with the admin key the service wrote beside the store.</summary>
    public async Task<HttpClient> IngestClientAsync(string adminKeyFile, int connections = int.MaxValue)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false, MaxConnectionsPerServer = connections, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(adminKeyFile)).Trim());
        using var created = await client.PostAsJsonAsync("/v1/keys", new { role = "ingest", name = "bench-" + Guid.NewGuid().ToString("N")[..8] });
        created.EnsureSuccessStatusCode();
        using var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.RootElement.GetProperty("key").GetString());
        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs. Waits until the process is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>The child's resident set (VmRSS), in MB, from /proc; 0 when gone.</summary>
    public double RssMb()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    /// <summary>The child's CPU time (user + system), from /proc/PID/stat.</summary>
    public TimeSpan CpuTime()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            // A polite stop (SIGTERM): the host finishes what it accepted.
            using var term = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                Kill();
            }
        }

        _process.Dispose();
    }

    public static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

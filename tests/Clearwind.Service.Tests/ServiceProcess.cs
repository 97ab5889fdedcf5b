using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Clearwind.Service.Tests;

/// <summary>
/// The service as a separate operating-system process (<c>dotnet Clearwind.Service.dll</c>, the same host as
/// <c>clearwind serve</c>) on a port of its choosing, so a test can kill it as a crash would. The project reference copies
/// the service's dll, runtimeconfig and deps next to the tests in whatever configuration they were built.
/// </summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process, string storePath, string adminKeyFile)
    {
        _process = process;
        StorePath = storePath;
        AdminKeyFile = adminKeyFile;
    }

    /// <summary>The store: a SQLite file, or a <c>postgres://</c> location.</summary>
    public string StorePath { get; }

    /// <summary>Where the service writes its first admin key: <c>--Clearwind:AdminKeyFile</c>, else next to a SQLite store.</summary>
    public string AdminKeyFile { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The admin key the service wrote on first start.</summary>
    public string AdminKey => File.ReadAllText(AdminKeyFile).Trim();

    /// <summary>What the process printed so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the service over <paramref name="storePath"/> and waits until it listens and answers /healthz.</summary>
    /// <param name="storePath">The store: a SQLite file or a <c>postgres://</c> location.</param>
    /// <param name="settings">More command-line settings, e.g. <c>--Clearwind:Policy</c>, <c>FILE</c>.</param>
    public static async Task<ServiceProcess> StartAsync(string storePath, params string[] settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Clearwind.Service.dll");
        Assert.True(File.Exists(dll), $"the service is not built next to the tests: {dll}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Port 0: the kernel picks a free port and Kestrel prints it, so parallel tests never race for one.
        foreach (var arg in new[] { dll, "--urls", "http://127.0.0.1:0", "--Clearwind:Store", storePath }.Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var keyFileAt = Array.IndexOf(settings, "--Clearwind:AdminKeyFile");
        var server = new ServiceProcess(process, storePath, keyFileAt >= 0 ? settings[keyFileAt + 1] : storePath + ".admin-key");
        process.OutputDataReceived += (_, e) => server.Received(e.Data);
        process.ErrorDataReceived += (_, e) => server.Received(e.Data);
        process.Exited += (_, _) => server._listening.TrySetException(new InvalidOperationException("the service exited before it listened"));
        Assert.True(process.Start(), "the service process did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.BaseAddress = await server._listening.Task.WaitAsync(StartTimeout);
            await server.WaitHealthyAsync();
            return server;
        }
        catch (Exception ex)
        {
            var log = server.Log;
            await server.DisposeAsync();
            throw new InvalidOperationException($"the service did not start ({ex.Message}); it printed:\n{log}", ex);
        }
    }

    /// <summary>A client of this process sending <paramref name="key"/> as a bearer token.</summary>
    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Kills the process at once (SIGKILL on Linux and macOS: no shutdown code runs) and waits until it is gone.</summary>
    /// <remarks>The muxer runs the service in its own process, so there is no tree to walk, and walking it would delay the kill.</remarks>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    // Under `dotnet test` the test host runs on the dotnet muxer; its path also runs the service on the same runtime.
    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < StartTimeout)
            {
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException("/healthz never answered 200");
            }

            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}

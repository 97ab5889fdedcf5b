using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clearwind.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clearwind.Service.Tests;

/// <summary>
/// The real service (<c>Program</c>) in memory over its own SQLite store in a temporary folder. Disposing it stops the
/// host (the engine closes the store); <see cref="Restart"/> starts a new host on the same store.
/// </summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="folder">The store's folder (a new temporary one when null).</param>
    /// <param name="settings">Configuration settings (e.g. <c>Clearwind:Policy</c>).</param>
    /// <param name="time">The service's clock (case and vote times), when a test moves time by hand.</param>
    /// <param name="services">More service registrations (a <see cref="Live.ReplayGate"/>).</param>
    public ServiceFactory(string? folder = null, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        _time = time;
        _services = services;
        Folder = folder ?? Directory.CreateTempSubdirectory("clearwind-service-").FullName;
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clearwind:Store"] = StorePath };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Folder { get; }

    public string StorePath => Path.Combine(Folder, "clearwind.db");

    /// <summary>The admin key the service wrote on its first start.</summary>
    public string AdminKey
    {
        get
        {
            _ = Server; // the host starts (and writes the key) on first use
            return File.ReadAllText(StorePath + ".admin-key").Trim();
        }
    }

    public ServiceFactory Restart(Action<IServiceCollection>? services = null) => new(Folder, _settings, _time, services);

    /// <summary>Waits until the engine has replayed its history after the start (a restart serves before that).</summary>
    public Task WarmedUpAsync() => Services.GetRequiredService<Live.EngineHost>().Engine.WarmedUp.WaitAsync(TimeSpan.FromMinutes(2));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_time is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(_time));
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    /// <summary>A client sending <paramref name="key"/> as a bearer token (none when null).</summary>
    public HttpClient ClientWith(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public HttpClient Admin() => ClientWith(AdminKey);

    /// <summary>Makes a key for a role (a seller's for its shops) through the API, as an admin would.</summary>
    public async Task<string> KeyAsync(string role, params string[] shops)
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/v1/keys", new { role, name = role + " test", shops });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>Events as an NDJSON body.</summary>
    /// <summary>The body of a successful answer as JSON (the assertion names the status and body otherwise).</summary>
    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static StringContent Ndjson(IEnumerable<MarketEvent> events)
        => new(string.Concat(events.Select(e => EventParser.ToJson(e) + "\n")), Encoding.UTF8, "application/x-ndjson");
}

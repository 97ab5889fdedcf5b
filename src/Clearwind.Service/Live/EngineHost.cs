using Clearwind.Service.Security;
using Clearwind.Storage;
using Microsoft.Extensions.Options;

namespace Clearwind.Service.Live;

/// <summary>
/// Opens the live engine when the host starts (replaying the store before the first request is served), makes the first
/// admin key on a new store, and closes the engine when the host stops (the writer finishes what it accepted).
/// </summary>
internal sealed partial class EngineHost(IOptions<ServiceOptions> options, ILogger<EngineHost> logger, TimeProvider time, IServiceProvider services) : IHostedService
{
    private LiveEngine? _engine;

    public LiveEngine Engine => _engine ?? throw new InvalidOperationException("the engine is not started");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _engine = await LiveEngine.OpenAsync(settings, logger, services.GetService<ReplayGate>(), cancellationToken);
        var keyFile = settings.AdminKeyFile ?? ServiceOptions.DefaultAdminKeyFile(settings.Store);
        if (await new ApiKeyStore(_engine.Store.Metadata, time).EnsureFirstAdminAsync(keyFile, cancellationToken))
        {
            LogFirstKey(logger, keyFile);
        }

        var shown = StoreLocation.Describe(settings.Store); // never the password
        LogStarted(logger, shown, settings.Policy ?? "the built-in default");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
            _engine = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First start of this store: an admin API key was written to {File} (readable by its owner only). Use it as 'Authorization: Bearer <key>' and make other keys with POST /v1/keys.")]
    private static partial void LogFirstKey(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Clearwind serving store {Store} under policy {Policy}")]
    private static partial void LogStarted(ILogger logger, string store, string policy);
}

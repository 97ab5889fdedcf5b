using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Clearwind.Service.Live;

/// <summary><c>/healthz</c>: healthy when the engine runs and its queue has room; degraded when the queue is nearly full.</summary>
internal sealed class EngineHealthCheck(EngineHost host, IOptions<ServiceOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = host.Engine.Pending;
            var limit = options.Value.MaxPendingBatches;
            return Task.FromResult(pending * 10 >= limit * 8
                ? HealthCheckResult.Degraded($"{pending} of {limit} request slots waiting")
                : HealthCheckResult.Healthy($"{pending} request(s) waiting"));
        }
        catch (InvalidOperationException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(ex.Message));
        }
    }
}

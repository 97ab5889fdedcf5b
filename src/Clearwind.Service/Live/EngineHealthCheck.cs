using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Clearwind.Service.Live;

/// <summary>
/// <c>/healthz</c>: healthy when the engine runs and its queue has room; degraded (still 200: it stores and acknowledges)
/// while it replays its history after a start or when the queue is nearly full; unhealthy when the replay failed, so an
/// orchestrator restarts it.
/// </summary>
internal sealed class EngineHealthCheck(EngineHost host, IOptions<ServiceOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var engine = host.Engine;
            var (state, detail) = engine.Status;
            if (state != EngineState.Live)
            {
                return Task.FromResult(state == EngineState.Warming ? HealthCheckResult.Degraded(detail) : HealthCheckResult.Unhealthy(detail));
            }

            var pending = engine.Pending;
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

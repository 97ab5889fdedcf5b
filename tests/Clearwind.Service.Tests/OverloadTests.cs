using System.Net;
using System.Text;
using Clearwind.Service.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Clearwind.Service.Tests;

/// <summary>Overload is answered, never a crash: 429 beyond a key's rate, 503 beyond the writer's queue, both with Retry-After.</summary>
public sealed class OverloadTests
{
    [Fact]
    public async Task RateLimit_BurstSpent_429WithRetryAfterAndOtherKeysUnaffected()
    {
        using var service = new ServiceFactory(settings: new Dictionary<string, string?>
        {
            ["Clearwind:RateLimit:PermitsPerSecond"] = "1",
            ["Clearwind:RateLimit:Burst"] = "3",
            ["Clearwind:RateLimit:QueueLimit"] = "0",
        });
        var analystKey = await service.KeyAsync("analyst");
        using var analyst = service.ClientWith(analystKey);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await analyst.GetAsync("/v1/status");
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), refused.Headers.ToString());
        // The limit is per key: the admin's requests still pass, and health checks are never limited.
        using var admin = service.Admin();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/status")).StatusCode);
        using var anonymous = service.ClientWith(null);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        }
    }

    [Fact]
    public async Task WriterQueueFull_503WithRetryAfter_AndTheServiceStaysUp()
    {
        using var service = new ServiceFactory(settings: new Dictionary<string, string?> { ["Clearwind:MaxPendingBatches"] = "0" });
        using var admin = service.Admin();

        var response = await admin.PostAsync("/v1/events", ServiceFactory.Ndjson([Stories.Later()]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task WriterQueueFull_503BeforeTheBodyIsRead()
    {
        using var service = new ServiceFactory(settings: new Dictionary<string, string?> { ["Clearwind:MaxPendingBatches"] = "0" });
        using var admin = service.Admin();

        // A body that parsing would refuse with 400: a 503 shows the request was shed before its body was read and parsed.
        var response = await admin.PostAsync("/v1/events", new StringContent("not json\n", Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task WriterBusyLongerThanMaxQueueMilliseconds_NewRequests503_QueuedOnesStillAnswered()
    {
        using var service = new ServiceFactory(settings: new Dictionary<string, string?> { ["Clearwind:MaxQueueMilliseconds"] = "100" });
        using var admin = service.Admin();
        var engine = service.Services.GetRequiredService<LiveEngine>();

        // Hold the writer, as a long commit would: one request queues behind it, and once the writer has been on it for
        // longer than MaxQueueMilliseconds, the next request is shed instead of waiting too.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = engine.RunOnWriterAsync(
            async _ =>
            {
                started.SetResult();
                await release.Task;
            },
            CancellationToken.None);
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30)); // on a busy machine the writer may take a while to come round
            var queued = admin.PostAsync("/v1/events", ServiceFactory.Ndjson([Stories.Later("queued-e1")]));
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (engine.Pending < 1 && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(10); // until the request is in the writer's queue (its first parse may be slow on a busy machine)
            }

            await Task.Delay(200); // the writer has now been on the held work for more than MaxQueueMilliseconds
            var shed = await admin.PostAsync("/v1/events", ServiceFactory.Ndjson([Stories.Later("shed-e1")])).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, shed.StatusCode);
            Assert.NotNull(shed.Headers.RetryAfter);
            Assert.False(queued.IsCompleted, "the queued request was answered while the writer was held");
            release.SetResult();
            await held;
            Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
        }
        finally
        {
            release.TrySetResult(); // a failed assertion must not leave the writer held
        }

        // The queue drained: requests are taken again.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/v1/events", ServiceFactory.Ndjson([Stories.Later("after-e1")]))).StatusCode);
    }
}

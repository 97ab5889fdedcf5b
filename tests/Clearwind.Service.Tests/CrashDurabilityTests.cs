using System.Collections.Concurrent;
using System.Text.Json;
using Clearwind.Events;
using Clearwind.Storage.Sqlite;
using Clearwind.TestKit;
using Xunit.Abstractions;

namespace Clearwind.Service.Tests;

/// <summary>
/// The service's promise that an acknowledged event is stored, tested the hard way: the real service in its own process,
/// several clients ingesting at once, and <c>kill -9</c> in the middle.
/// </summary>
public sealed class CrashDurabilityTests(ITestOutputHelper output) : IDisposable
{
    private const int Senders = 8;
    private const int EventsPerRequest = 20;
    private const int AcknowledgedBeforeKill = 3_000;

    private readonly string _folder = Directory.CreateTempSubdirectory("clearwind-crash-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still open (a failed test) must not hide the failure
        }
    }

    [Fact]
    public async Task KillNine_MidIngest_EveryAcknowledgedEventIsStoredAndServedAfterRestart()
    {
        var storePath = Path.Combine(_folder, "clearwind.db");
        var acknowledged = new ConcurrentDictionary<string, MarketEvent>(StringComparer.Ordinal);
        string decisionOnS1;
        int inFlightAtKill;

        await using (var server = await ServiceProcess.StartAsync(storePath))
        {
            using var client = server.Client(server.AdminKey);

            // A decision to find again after the restart: brushing at shop s1, judged once event time moves on.
            var story = await ReadAsync(await client.PostAsync("/v1/events?decide=true", ServiceFactory.Ndjson([.. Stories.Brushing(), Stories.Later()])));
            Assert.Equal(6, story.GetProperty("accepted").GetInt32());
            decisionOnS1 = await StandingDecisionAsync(client, "s1");

            var killed = 0;
            var failedInFlight = 0;
            var load = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
            {
                for (var request = 0; ; request++)
                {
                    var batch = LoadBatch(sender, request);
                    var sentBeforeKill = Volatile.Read(ref killed) == 0;
                    try
                    {
                        using var response = await client.PostAsync("/v1/events", ServiceFactory.Ndjson(batch));
                        if (response.IsSuccessStatusCode)
                        {
                            foreach (var e in batch)
                            {
                                acknowledged[e.Id] = e;
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        if (sentBeforeKill)
                        {
                            Interlocked.Increment(ref failedInFlight); // it was on its way when the process died
                        }

                        return;
                    }
                }
            })).ToList();

            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (acknowledged.Count < AcknowledgedBeforeKill && waited.Elapsed < TimeSpan.FromSeconds(120) && !load.Any(t => t.IsCompleted))
            {
                await Task.Delay(10);
            }

            Assert.True(acknowledged.Count >= AcknowledgedBeforeKill, $"only {acknowledged.Count} events acknowledged before the kill; the service printed:\n{server.Log}");
            Interlocked.Exchange(ref killed, 1);
            server.Kill();
            await Task.WhenAll(load);
            inFlightAtKill = failedInFlight;
        }

        output.WriteLine($"{acknowledged.Count} events acknowledged; {inFlightAtKill} requests were on their way when the process was killed");
        Assert.True(inFlightAtKill > 0, "no request was in flight at the kill: the test did not crash the service mid-ingest");

        // The file after the crash, as the next start finds it: sound, and holding every acknowledged event.
        var storedIds = new HashSet<string>(StringComparer.Ordinal);
        await using (var store = await SqliteStore.OpenAsync(storePath))
        {
            Assert.True(await store.CheckIntegrityAsync(), "PRAGMA integrity_check is not ok after kill -9");
            await foreach (var stored in store.Events.ReadAllAsync())
            {
                storedIds.Add(stored.Id);
            }
        }

        var missing = acknowledged.Keys.Where(id => !storedIds.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged events are not in the store, e.g. {string.Join(", ", missing.Take(5))}");
        output.WriteLine($"{storedIds.Count} events in the store (acknowledged ones and some of the requests cut off by the kill)");

        // The service starts again on that file and serves what it had: the decision, and every acknowledged event.
        await using (var again = await ServiceProcess.StartAsync(storePath))
        {
            using var client = again.Client(again.AdminKey);
            Assert.Equal(decisionOnS1, await StandingDecisionAsync(client, "s1"));

            var resent = 0;
            foreach (var chunk in acknowledged.Values.Chunk(5_000))
            {
                var answer = await ReadAsync(await client.PostAsync("/v1/events", ServiceFactory.Ndjson(chunk)));
                Assert.Equal(0, answer.GetProperty("accepted").GetInt32()); // nothing acknowledged was lost, so nothing is new
                resent += answer.GetProperty("duplicates").GetInt32();
            }

            Assert.Equal(acknowledged.Count, resent);
        }
    }

    // Honest orders spread over 400 buyers and 40 shops, an hour after the brushing story; ids name the sender and request.
    private static List<MarketEvent> LoadBatch(int sender, int request)
    {
        var batch = new List<MarketEvent>(EventsPerRequest);
        for (var i = 0; i < EventsPerRequest; i++)
        {
            var n = (((request * Senders) + sender) * EventsPerRequest) + i;
            batch.Add(Some.OrderPlaced(
                id: $"load-{sender}-{request}-{i}",
                buyer: $"buyer{n % 400}",
                shop: $"shop{n % 40}",
                listing: $"shop{n % 40}-l{n % 7}",
                ts: Stories.T0.AddHours(4).AddSeconds(n)));
        }

        return batch;
    }

    private static async Task<string> StandingDecisionAsync(HttpClient client, string shop)
    {
        var entity = await ReadAsync(await client.GetAsync($"/v1/entities/shop/{shop}"));
        var standing = entity.GetProperty("decisions").EnumerateArray().Where(d => d.GetProperty("standing").GetBoolean()).ToList();
        var decision = Assert.Single(standing).GetProperty("decision");
        Assert.Equal("void_orders", decision.GetProperty("action").GetString());
        return decision.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}

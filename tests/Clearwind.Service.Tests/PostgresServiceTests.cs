using System.Text.Json;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Storage.Postgres;
using Clearwind.TestKit;

namespace Clearwind.Service.Tests;

/// <summary>
/// <c>serve</c> on PostgreSQL (<c>Clearwind:Store</c> = <c>postgres://…</c>), as its own process on the server in
/// <c>$CLEARWIND_TEST_POSTGRES</c>, in a schema of its own: it acknowledges events only once they are stored, answers
/// decisions, keeps everything through <c>kill -9</c>, and never prints the password.
/// </summary>
[Trait("Category", TestPostgres.Category)]
public sealed class PostgresServiceTests : IAsyncLifetime
{
    private readonly TestSchema _schema = TestPostgres.NewSchema();
    private readonly string _folder = Directory.CreateTempSubdirectory("clearwind-postgres-service-").FullName;

    private string[] Settings => ["--Clearwind:AdminKeyFile", Path.Combine(_folder, "admin-key")];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _schema.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Serve_OnPostgres_AcknowledgesStoredEventsAnswersDecisionsAndSurvivesKillNine()
    {
        string decisionId;
        List<MarketEvent> sent = [.. Stories.Brushing(), Stories.Later()];
        await using (var server = await ServiceProcess.StartAsync(_schema.Location, Settings))
        {
            using var client = server.Client(server.AdminKey);
            var answer = await ReadAsync(await client.PostAsync("/v1/events?decide=true", ServiceFactory.Ndjson(sent)));
            Assert.Equal(sent.Count, answer.GetProperty("accepted").GetInt32());

            var log = await ReadAsync(await client.GetAsync("/v1/decisions"));
            var decision = Assert.Single(log.GetProperty("decisions").EnumerateArray(), d => d.GetProperty("action").GetString() == "void_orders");
            decisionId = decision.GetProperty("id").GetString()!;
            var byId = await ReadAsync(await client.GetAsync($"/v1/decisions/{decisionId}"));
            Assert.True(byId.GetProperty("standing").GetBoolean());

            // What the service printed names the store without its password.
            Assert.Contains(PostgresLocation.Describe(_schema.Location), server.Log, StringComparison.Ordinal);
            if (Password() is { Length: > 0 } password)
            {
                Assert.DoesNotContain(password, server.Log, StringComparison.Ordinal);
            }

            server.Kill();
        }

        // The acknowledged events and the decision are in PostgreSQL, the chain intact.
        await using (var store = await PostgresStore.OpenAsync(_schema.Location))
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var e in store.Events.ReadAllAsync())
            {
                ids.Add(e.Id);
            }

            Assert.Superset(sent.Select(e => e.Id).ToHashSet(), ids);
            var decisions = new List<Decision>();
            await foreach (var d in store.Decisions.ReadAllAsync())
            {
                decisions.Add(d);
            }

            Assert.Contains(decisions, d => d.Id == decisionId);
            Assert.True(DecisionChain.Verify(decisions).Ok);
        }

        // Started again on the same schema: the same decision stands, and the events sent again are all duplicates.
        await using (var again = await ServiceProcess.StartAsync(_schema.Location, Settings))
        {
            using var client = again.Client(again.AdminKey);
            var byId = await ReadAsync(await client.GetAsync($"/v1/decisions/{decisionId}"));
            Assert.True(byId.GetProperty("standing").GetBoolean());
            var resent = await ReadAsync(await client.PostAsync("/v1/events", ServiceFactory.Ndjson(sent)));
            Assert.Equal(0, resent.GetProperty("accepted").GetInt32());
            Assert.Equal(sent.Count, resent.GetProperty("duplicates").GetInt32());
        }
    }

    private string? Password() => new Npgsql.NpgsqlConnectionStringBuilder(PostgresLocation.Parse(_schema.Location).ConnectionString).Password;

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

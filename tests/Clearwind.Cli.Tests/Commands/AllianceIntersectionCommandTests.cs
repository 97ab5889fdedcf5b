using System.Text;
using System.Text.Json;
using Clearwind.Alliance;
using Clearwind.Cli.Commands;
using Clearwind.Cli.Tests.Support;
using Clearwind.Storage.Sqlite;

namespace Clearwind.Cli.Tests.Commands;

/// <summary>Two platforms run the private set intersection through the CLI and learn exactly the entries both list.</summary>
[Collection(CliTests.Name)]
public sealed class AllianceIntersectionCommandTests : IDisposable
{
    private static readonly AllianceHasher Hasher = new("the alliance's shared key, 2016");
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static Task<int> Alliance(params string[] args) => AllianceCommand.Create().Parse(args).InvokeAsync();

    private async Task<string> OwnFileAsync(string store, string source, IEnumerable<string> phones)
    {
        await using var opened = await SqliteStore.OpenAsync(store);
        using var key = await AllianceExchange.SigningKeyAsync(opened.Metadata, null);
        var entries = phones.Select(p => new AllianceEntry(AllianceKinds.Phone, Hasher.Hash(AllianceKinds.Phone, p), "order_brushing.ring", 0.9, T0, T0.AddDays(1), T0.AddDays(100), source)).ToList();
        return _cli.WriteBytes(source + ".alliance.json", AllianceFile.Write(new AlliancePayload(AllianceFile.FormatName, source, T0, entries, []), key));
    }

    [Fact]
    public async Task Psi_RequestRespondFinish_GivesTheRequesterExactlyTheCommonEntries()
    {
        var (a, b) = (_cli.PathOf("a.db"), _cli.PathOf("b.db"));
        var fileA = await OwnFileAsync(a, "platform-a", ["13800000001", "13800000002", "13800000003", "13800000004", "13800000005"]);
        var fileB = await OwnFileAsync(b, "platform-b", ["13800000003", "13800000004", "13800000005", "13800000006", "13800000007", "13800000008"]);
        var (request, secret, response, common) = (_cli.PathOf("req.psi"), _cli.PathOf("a.secret"), _cli.PathOf("resp.psi"), _cli.PathOf("common.json"));

        Assert.Equal(0, await Alliance("psi", "request", fileA, "--store", a, "--out", request, "--secret", secret));
        Assert.Equal(0, await Alliance("psi", "respond", request, fileB, "--store", b, "--out", response));
        Assert.Equal(0, await Alliance("psi", "finish", response, fileA, "--store", a, "--request", request, "--secret", secret, "--out", common));

        var found = JsonDocument.Parse(File.ReadAllText(common)).RootElement.EnumerateArray().Select(e => e.GetProperty("hash").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "13800000003", "13800000004", "13800000005" }.Select(p => Hasher.Hash(AllianceKinds.Phone, p)).Order(StringComparer.Ordinal), found);

        // What travels holds neither side's hashes, only values under a secret.
        var sent = Encoding.Latin1.GetString(File.ReadAllBytes(request)) + Encoding.Latin1.GetString(File.ReadAllBytes(response));
        foreach (var phone in new[] { "13800000001", "13800000003", "13800000006" })
        {
            var hash = Hasher.Hash(AllianceKinds.Phone, phone);
            Assert.DoesNotContain(hash[3..], sent, StringComparison.Ordinal);
            Assert.DoesNotContain(Encoding.Latin1.GetString(Convert.FromHexString(hash[3..])), sent, StringComparison.Ordinal);
        }

        // Another secret than the request's is refused, not taken for an empty intersection.
        using (var other = PrivateIntersection.Create())
        {
            File.WriteAllText(secret, Convert.ToHexStringLower(other.ExportSecret()));
        }

        Assert.Equal(2, await Alliance("psi", "finish", response, fileA, "--store", a, "--request", request, "--secret", secret, "--out", _cli.PathOf("none.json")));
        Assert.False(File.Exists(_cli.PathOf("none.json")));
    }
}

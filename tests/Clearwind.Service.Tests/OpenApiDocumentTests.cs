using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clearwind.Service.Tests;

/// <summary>
/// The OpenAPI document is checked in (<c>docs/openapi.json</c>) so clients can be generated without running the service;
/// this test keeps it equal to what the service serves. After changing an endpoint, regenerate it with
/// <c>CLEARWIND_UPDATE_OPENAPI=1 dotnet test tests/Clearwind.Service.Tests --filter OpenApi</c>.
/// </summary>
public sealed class OpenApiDocumentTests : IDisposable
{
    private readonly ServiceFactory _service = new();

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task OpenApi_Served_EqualsTheCheckedInDocument()
    {
        using var client = _service.ClientWith(null);
        var served = Normalise(await client.GetStringAsync("/openapi/v1.json"));
        var path = Path.Combine(Repository.Root(), "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("CLEARWIND_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }

        Assert.True(File.Exists(path), $"{path} is missing: regenerate it (see this test's summary)");
        var checkedIn = await File.ReadAllTextAsync(path);
        Assert.True(checkedIn == served, "docs/openapi.json differs from what the service serves: regenerate it with CLEARWIND_UPDATE_OPENAPI=1 dotnet test tests/Clearwind.Service.Tests --filter OpenApi");

        // Every versioned endpoint is documented with its roles' responses.
        var paths = JsonNode.Parse(served)!["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "/v1/events", "/v1/cases/{id}/decide", "/v1/decisions/{id}/appeal", "/v1/jury/cases/{id}/vote", "/v1/rules/backtest", "/v1/appeals/overturn-rates" }, paths);
    }

    /// <summary>The document without the server address (it depends on where the service runs), indented, LF line ends.</summary>
    private static string Normalise(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }
}

using System.Text.Json.Nodes;
using Clearwind.Storage;
using Clearwind.Storage.Sqlite;

namespace Clearwind.Cli.Tests.Support;

/// <summary>Looks inside a SQLite store a scan left behind.</summary>
internal static class Stores
{
    /// <summary>Every stored event, in sequence order.</summary>
    public static async Task<List<StoredEvent>> EventsAsync(string path)
    {
        await using var store = await SqliteStore.OpenAsync(path);
        var events = new List<StoredEvent>();
        await foreach (var e in store.Events.ReadAllAsync())
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>The stored JSON of one event, parsed.</summary>
    public static async Task<JsonObject> EventJsonAsync(string path, string id)
    {
        var events = await EventsAsync(path);
        var stored = Assert.Single(events, e => e.Id == id);
        return JsonNode.Parse(stored.Json)!.AsObject();
    }
}

using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clearwind.Cli.Tests.Support;

/// <summary>Hand-made SPEC §7 NDJSON lines for the scan tests.</summary>
internal static class Lines
{
    /// <summary>A fixed morning (UTC+8) the scenarios start from.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>ISO-8601 with its offset, as SPEC §7 asks.</summary>
    public static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>An event with id, type and ts only.</summary>
    public static JsonObject Event(string type, string id, DateTimeOffset ts) => new() { ["id"] = id, ["type"] = type, ["ts"] = Iso(ts) };

    /// <summary>An <c>order.placed</c> (order id <c>ord-ID</c>).</summary>
    public static JsonObject Order(string id, string shop, string buyer, DateTimeOffset ts)
    {
        var o = Event("order.placed", id, ts);
        o["order"] = "ord-" + id;
        o["buyer"] = buyer;
        o["shop"] = shop;
        return o;
    }

    /// <summary>One compact JSON line (Chinese and + stay readable, as a platform would write them).</summary>
    public static string Line(this JsonObject o) => o.ToJsonString(Relaxed);

    /// <summary>An <c>order.placed</c> line.</summary>
    public static string OrderLine(string id, string shop, string buyer, DateTimeOffset ts) => Order(id, shop, buyer, ts).Line();

    /// <summary>One buyer's orders at a shop, <paramref name="minutesApart"/> apart from <paramref name="start"/>.</summary>
    public static IEnumerable<string> SameBuyer(string idPrefix, string shop, string buyer, DateTimeOffset start, int count, int minutesApart = 10)
        => Enumerable.Range(0, count).Select(i => OrderLine($"{idPrefix}{i}", shop, buyer, start.AddMinutes(i * minutesApart)));

    /// <summary>
    /// SPEC §2.1 and its honest look-alike: buyer b1 places 3 orders at shop s1 within 20 minutes (rate 3: brushing);
    /// 20 distinct buyers order at shop s2 within the same hour, one order each (a flash sale: rate 1).
    /// </summary>
    public static List<string> BrushingAndFlashSale()
    {
        var lines = new List<string>();
        lines.AddRange(SameBuyer("s1-", "s1", "b1", T0, 3));
        lines.AddRange(Enumerable.Range(0, 20).Select(i => OrderLine($"s2-{i}", "s2", $"fan{i:00}", T0.AddMinutes(i * 2))));
        return lines;
    }
}

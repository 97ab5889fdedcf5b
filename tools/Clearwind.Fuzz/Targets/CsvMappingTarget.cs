using System.Text;
using Clearwind.Cli.Input;
using Clearwind.Fuzz.Engine;
using Clearwind.Privacy;

namespace Clearwind.Fuzz.Targets;

/// <summary>
/// A CSV column mapping and the CSV it maps, as <c>scan --csv-map FILE</c> reads them: <see cref="CsvMapping.Parse"/> on the
/// mapping's text, then every row through <see cref="CsvEventInput"/> (the same parse, keying and stored JSON as NDJSON).
/// An input is the mapping's bytes, a 0x1E byte, then the CSV's bytes.
/// </summary>
internal sealed class CsvMappingTarget : FuzzTarget
{
    /// <summary>Separates the mapping from the CSV in one input.</summary>
    public const byte Separator = 0x1E;

    private const string ShopeeMapping = """{"type": "order.placed", "columns": {"orderid": "order", "shopid": "shop", "userid": "buyer", "event_time": "ts"}, "id_column": "orderid", "id_prefix": "order.placed:", "ts_format": "yyyy-MM-dd HH:mm:ss", "ts_offset": "+08:00"}""";

    private const string TaobaoMapping = """{"has_header": false, "column_names": ["user_id", "item_id", "category_id", "behavior_type", "timestamp"], "type_column": "behavior_type", "type_values": {"pv": "listing.viewed", "fav": "listing.liked", "cart": "cart.added", "buy": "order.placed"}, "columns": {"user_id": "account", "item_id": "listing", "category_id": "category", "timestamp": "ts"}, "by_type": {"order.placed": {"columns": {"user_id": "buyer"}, "fields": {"order": "{id}", "shop": "item:{item_id}"}}}, "ts_format": "unix_seconds", "ts_offset": "+08:00"}""";

    private const string MixedMapping = """{"type_column": "kind", "columns": {"when": "ts", "who": "account", "what": "listing", "phone": "phone", "device": "device"}, "fields": {"shop": "shop-{what}"}, "ts_format": "unix_ms", "delimiter": ";"}""";

    private readonly IdentifierKeyer _keyer = IdentifierKeyer.FromText("fuzz-csv-mapping-key-0123456789abcdef");

    public override string Name => "csv-mapping";

    public override IReadOnlyList<byte[]> Seeds()
    {
        var shopee = SeedFiles.SharedHead("shopee-order-brushing/official_example_rows.csv", 10)
            ?? "orderid,shopid,userid,event_time\n31420669820669,8996761,15182097,2019-12-30 23:57:50\n31420848484212,8996761,2136861,2019-12-31 00:00:48\n";
        var taobao = SeedFiles.SharedHead("taobao-userbehavior/UserBehavior_head96k.csv", 10)
            ?? "543462,1715,1464116,pv,1511658000\n662867,2244074,1575622,buy,1511658000\n";
        const string Mixed = "kind;when;who;what;phone;device\r\naccount.registered;1762000000000;b1;;+86 138 0013 8000;dev-1\r\nlisting.viewed;1762000001000;b1;l1;;dev-1\r\n\"listing.liked\";\"1762000002000\";\"b;1\";l1;;\"dev \"\"2\"\"\"\r\n";
        return [Join(ShopeeMapping, shopee), Join(TaobaoMapping, taobao), Join(MixedMapping, Mixed), Join("shopee", shopee), Join(ShopeeMapping, "")];
    }

    public override IReadOnlyList<string> Dictionary =>
        [.. JsonMutator.CommonTokens, ",", ";", "\"\"", "\r\n", "\n", "unix_seconds", "unix_ms", "yyyy-MM-dd HH:mm:ss", "+08:00", "{id}", "{", "}", "\u001E"];

    public override string Run(byte[] input)
    {
        var split = Array.IndexOf(input, Separator);
        var mappingBytes = split < 0 ? input : input[..split];
        var csv = split < 0 ? [] : input[(split + 1)..];

        CsvMapping mapping;
        try
        {
            mapping = CsvMapping.Parse(Decode(mappingBytes), "fuzz.json");
        }
        catch (InvalidOperationException ex)
        {
            return "mapping refused: " + ex.Message;
        }

        var outcomes = new SortedSet<string>(StringComparer.Ordinal);
        var source = new CsvEventInput("fuzz.csv", () => new MemoryStream(csv, writable: false), csv.Length, mapping);
        foreach (var record in source.Read(prepare: _keyer.Apply, serialize: true))
        {
            outcomes.Add(StoredEventCheck.Check(record.Result, _keyer));
        }

        return "mapping ok: " + string.Join(" | ", outcomes.Take(3));
    }

    public override byte[] MutateStructured(byte[] input, Mutator mutator)
    {
        var split = Array.IndexOf(input, Separator);
        if (split < 0)
        {
            return mutator.Json.Mutate(input);
        }

        var mapping = input[..split];
        var csv = input[(split + 1)..];
        if (mutator.Random.Next(2) == 0)
        {
            mapping = mutator.Json.Mutate(mapping);
        }
        else
        {
            csv = MutateCsv(csv, mutator);
        }

        return [.. mapping, Separator, .. csv];
    }

    // Decoded as File.ReadAllText does: UTF-8, a byte order mark honoured, invalid bytes replaced.
    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static byte[] Join(string mapping, string csv) => [.. Encoding.UTF8.GetBytes(mapping), Separator, .. Encoding.UTF8.GetBytes(csv)];

    // Row-aware changes: a row repeated, dropped or cut, a cell emptied, quoted, made huge or given an odd time, a stray quote.
    private static byte[] MutateCsv(byte[] csv, Mutator mutator)
    {
        var random = mutator.Random;
        var lines = Encoding.UTF8.GetString(csv).Split('\n').ToList();
        var at = random.Next(lines.Count);
        var cells = lines[at].Split(',');
        var cell = random.Next(cells.Length);
        string[] odd = ["", "\"", "\"\"", "\"a,b\"", "\"unterminated", "2019-02-30 00:00:00", "2019-12-31T00:00:00", "99999999999999999999", "-1", "1e3",
            " 1511658000", "1511658000 ", "253402300800", "pv", "buy", "cart", "\u0000", "\r", "中文", "h1:0123456789abcdef0123456789abcdef", "{id}"];
        switch (random.Next(7))
        {
            case 0:
                lines.Insert(at, lines[at]);
                break;
            case 1 when lines.Count > 1:
                lines.RemoveAt(at);
                break;
            case 2:
                cells[cell] = odd[random.Next(odd.Length)];
                lines[at] = string.Join(',', cells);
                break;
            case 3:
                cells[cell] = new string('9', random.Next(2) == 0 ? 300 : 70_000);
                lines[at] = string.Join(',', cells);
                break;
            case 4:
                lines[at] = string.Join(',', cells.Take(random.Next(cells.Length + 1)));
                break;
            case 5:
                lines[at] = lines[at] + string.Concat(Enumerable.Repeat(",", 1 + random.Next(50)));
                break;
            default:
                lines[at] = lines[at].Replace(',', random.Next(2) == 0 ? ';' : '\t');
                break;
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }
}

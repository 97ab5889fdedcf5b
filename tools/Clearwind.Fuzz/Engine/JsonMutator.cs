using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clearwind.Fuzz.Engine;

/// <summary>
/// Structure-aware mutations of a JSON document: a value of another type, huge or odd numbers, numbers as strings, odd
/// timestamps, very long strings, deep nesting, duplicate keys, removed, added and renamed properties, subtrees copied
/// from other inputs, repeated array elements. Text the tree cannot hold (invalid UTF-8, lone surrogates, duplicate keys,
/// bare NaN) goes in through placeholders replaced after writing. An input that is not JSON gets a byte mutation.
/// </summary>
internal sealed class JsonMutator(Mutator owner)
{
    /// <summary>Words for the byte mutator: JSON punctuation and literals, and names every decoder here reads.</summary>
    public static readonly IReadOnlyList<string> CommonTokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "false", "-0", "1e309", "NaN", "{}", "[]",
        "\"type\"", "\"id\"", "\"ts\"", "\"phone\"", "\"device\"", "\"address\"", "\"payment_account\"", "\"payload\"", "\"signature\"",
        "\"patterns\"", "\"options\"", "\"statement\"", "\"evidence\"", "\"deliveries\"", "\"columns\"", "\"ts_format\"",
    ];

    private static readonly string[] Names =
    [
        "type", "id", "ts", "shop", "buyer", "account", "listing", "order", "amount", "phone", "device", "address", "payment_account",
        "ip", "evidence", "kind", "value", "phone_number", "contact", "mobile", "email", "id_card", "Phone", "PHONE", "ts ", "", "$schema",
        "payload", "signature", "entries", "withdrawn", "hash", "source", "confidence", "first_seen", "last_seen", "expires_at",
        "patterns", "options", "action", "enabled", "review_below", "grace_hours", "ladder", "jury", "version",
        "statement", "deliveries", "campaign", "chats", "note", "weight_g", "signed_at", "signed_by", "tracking", "carrier",
        "columns", "fields", "by_type", "type_column", "type_values", "id_column", "ts_format", "ts_offset", "delimiter",
        "has_header", "column_names", "id_prefix",
    ];

    private static readonly string[] RawValues =
    [
        "null", "true", "false", "0", "-0", "-1", "1", "2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809",
        "123456789012345678901234567890", "0.1", "1e308", "1e309", "-1e309", "1E-400", "4.9e-324", "79228162514264337593543950336",
        "NaN", "Infinity", "-Infinity", "01", ".5", "1.", "+1", "0x10",
        "\"\"", "\" \"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e3\"", "\"19.90\"", "\"-0\"", "\"1e309\"", "\"0x10\"",
        "{}", "[]", "[null]", "[[]]", "{\"\":null}",
        "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u202e\"", "\"😀\"", "\"\\\\\"", "\"\\\"\"", "\"\\x41\"",
        "\"\\u00\"", "\"\t\"", "\"中文店铺\"", "\"ｓｈｏｐ\"",
        "\"h1:0123456789abcdef0123456789abcdef\"", "\"h1:0123456789ABCDEF0123456789ABCDEF\"", "\"h1:\"",
        "\"a1:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"",
        "\"13800138000\"", "13800138000", "\"+86 138-0013-8000\"", "\"008613800138000\"", "\"N/A\"",
        "\"2026-02-30T00:00:00Z\"", "\"2026-13-01T00:00:00Z\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\"",
        "\"2026-11-01T00:00:00\"", "\"2026-11-01\"", "\"2026-11-01T24:00:00Z\"", "\"2026-11-01T00:00:00.123456789+08:00\"",
        "\"2026-11-01T00:00:00+25:00\"", "\"2026-11-01 00:00:00\"", "\"1700000000000\"", "1700000000000", "1700000000", "-62135596800001",
        "253402300800000", "-1e20", "1.5", "\"T\"", "\"+08:00\"", "\"-00:00\"", "\"14:00\"", "\"yyyy-MM-dd\"", "\"%\"", "\"\\\\\"",
        "\"unix_seconds\"", "\"unix_ms\"", "\"{id}\"", "\"{\"", "\"}{\"", "\"{{x}}\"", "\"{a}{b}\"",
    ];

    private static readonly JsonSerializerOptions Writing = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 1024,
    };

    private static readonly JsonDocumentOptions Reading = new() { MaxDepth = 1024, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private Random Random => owner.Random;

    /// <summary>One structure-aware mutation, or a byte mutation when the input is not a JSON object or array.</summary>
    public byte[] Mutate(byte[] input)
    {
        try
        {
            if (JsonNode.Parse(input, documentOptions: Reading) is not { } root || root is JsonValue)
            {
                return owner.MutateBytes(input);
            }

            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            var raws = new List<byte[]>();
            Apply(root, nodes, raws);
            return Write(root, raws);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON (or a shape the tree will not take, such as a duplicate name): mutate the bytes instead.
            return owner.MutateBytes(input);
        }
    }

    private void Apply(JsonNode root, List<JsonNode> nodes, List<byte[]> raws)
    {
        var node = nodes[Random.Next(nodes.Count)];
        var isRoot = ReferenceEquals(node, root);
        switch (Random.Next(12))
        {
            case 0 when !isRoot:
                node.ReplaceWith(Raw(raws, RawValues[Random.Next(RawValues.Length)]));
                break;
            case 1 when !isRoot:
                node.ReplaceWith(OtherType(node, raws));
                break;
            case 2 when !isRoot:
                {
                    // Deep nesting around the value, past and around the usual depth limit of 64.
                    int[] depths = [8, 63, 64, 65, 200, 1000, 5000];
                    var depth = depths[Random.Next(depths.Length)];
                    var asObject = Random.Next(2) == 0;
                    var inner = node.ToJsonString(Writing);
                    var text = new StringBuilder();
                    for (var i = 0; i < depth; i++)
                    {
                        text.Append(asObject ? "{\"a\":" : "[");
                    }

                    text.Append(inner);
                    for (var i = 0; i < depth; i++)
                    {
                        text.Append(asObject ? '}' : ']');
                    }

                    node.ReplaceWith(Raw(raws, text.ToString()));
                    break;
                }

            case 3 when FindObject(node) is { Count: > 0 } obj:
                {
                    // A name given twice: the second copy carries another value.
                    var (name, _) = obj.ElementAt(Random.Next(obj.Count));
                    var value = Random.Next(2) == 0 ? RawValues[Random.Next(RawValues.Length)] : obj[name]?.ToJsonString(Writing) ?? "null";
                    AddRawProperty(obj, raws, JsonSerializer.Serialize(name, Writing) + ":" + value);
                    break;
                }

            case 4 when !isRoot:
                Remove(node);
                break;
            case 5 when FindObject(node) is { } obj:
                {
                    var name = Names[Random.Next(Names.Length)];
                    if (!obj.ContainsKey(name))
                    {
                        obj[name] = Random.Next(3) == 0 ? CopyFromCorpus() : Raw(raws, RawValues[Random.Next(RawValues.Length)]);
                    }

                    break;
                }

            case 6 when node.Parent is JsonObject parent:
                {
                    var name = node.GetPropertyName();
                    var renamed = Random.Next(3) switch
                    {
                        0 => name.ToUpperInvariant(),
                        1 => Names[Random.Next(Names.Length)],
                        _ => name + (Random.Next(2) == 0 ? " " : "\u0000"),
                    };
                    if (!parent.ContainsKey(renamed))
                    {
                        parent.Remove(name);
                        parent[renamed] = node;
                    }

                    break;
                }

            case 7 when !isRoot:
                {
                    int[] lengths = [300, 4096, 40_000];
                    string[] units = ["A", "中", "9", "\\u0000", "\\\"", "😀", " "];
                    var unit = units[Random.Next(units.Length)];
                    var length = lengths[Random.Next(lengths.Length)];
                    node.ReplaceWith(Raw(raws, "\"" + string.Concat(Enumerable.Repeat(unit, length / unit.Length)) + "\""));
                    break;
                }

            case 8 when !isRoot:
                node.ReplaceWith(CopyFromCorpus());
                break;
            case 9 when node is JsonArray { Count: > 0 } array:
                {
                    var item = array[Random.Next(array.Count)]?.ToJsonString(Writing) ?? "null";
                    var times = Random.Next(2) == 0 ? 2 + Random.Next(8) : 100 + Random.Next(2000);
                    array.Add(Raw(raws, string.Join(',', Enumerable.Repeat(item, times))));
                    break;
                }

            case 10 when !isRoot:
                {
                    // Odd timestamps land where times are read.
                    string[] times = ["\"2026-02-30T00:00:00Z\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\"", "\"2026-11-01\"",
                        "\"2026-11-01T00:00:00\"", "-62135596800001", "253402300800000", "\"1700000000000\"", "1e20", "\"\"", "\"2026-11-01T00:00:00.9999999999Z\""];
                    node.ReplaceWith(Raw(raws, times[Random.Next(times.Length)]));
                    break;
                }

            default:
                if (nodes.Count > 2 && !isRoot)
                {
                    // Swap two values (neither containing the other).
                    var other = nodes[Random.Next(nodes.Count)];
                    if (!ReferenceEquals(other, root) && !Contains(node, other) && !Contains(other, node))
                    {
                        var a = node.DeepClone();
                        var b = other.DeepClone();
                        node.ReplaceWith(b);
                        other.ReplaceWith(a);
                    }
                }

                break;
        }
    }

    private JsonNode OtherType(JsonNode node, List<byte[]> raws)
    {
        var kind = node.GetValueKind();
        if (kind == JsonValueKind.String && Random.Next(2) == 0)
        {
            // A string holding a number becomes that number; others become a number the field might not expect.
            var text = node.GetValue<string>();
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && text.Length < 40 && !text.Contains(' ', StringComparison.Ordinal)
                ? Raw(raws, text.Trim())
                : JsonValue.Create(Random.Next(-5, 100_000));
        }

        if (kind == JsonValueKind.Number && Random.Next(2) == 0)
        {
            return JsonValue.Create(node.ToJsonString(Writing));
        }

        return Random.Next(5) switch
        {
            0 => Raw(raws, "null"),
            1 => JsonValue.Create(Random.Next(2) == 0),
            2 => new JsonArray(node.DeepClone()),
            3 => new JsonObject { ["value"] = node.DeepClone() },
            _ => JsonValue.Create(node.ToJsonString(Writing)),
        };
    }

    private JsonNode CopyFromCorpus()
    {
        try
        {
            if (JsonNode.Parse(owner.AnyCorpusEntry(), documentOptions: Reading) is { } other)
            {
                var nodes = new List<JsonNode>();
                Collect(other, nodes);
                var picked = nodes[Random.Next(nodes.Count)];
                return picked.DeepClone();
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // The other entry is not JSON: fall through to a plain value.
        }

        return JsonValue.Create("copied")!;
    }

    private static JsonObject? FindObject(JsonNode node) => node as JsonObject ?? node.Parent as JsonObject;

    private static void Remove(JsonNode node)
    {
        switch (node.Parent)
        {
            case JsonObject obj:
                obj.Remove(node.GetPropertyName());
                break;
            case JsonArray array:
                array.RemoveAt(node.GetElementIndex());
                break;
        }
    }

    private static bool Contains(JsonNode outer, JsonNode inner)
    {
        for (var at = inner; at is not null; at = at.Parent)
        {
            if (ReferenceEquals(at, outer))
            {
                return true;
            }
        }

        return false;
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
        }
    }

    // A value written verbatim after the tree is: the placeholder string "\u0002N\u0002" stands for raws[N].
    private static JsonValue Raw(List<byte[]> raws, string text) => Raw(raws, Encoding.UTF8.GetBytes(text));

    private static JsonValue Raw(List<byte[]> raws, byte[] text)
    {
        raws.Add(text);
        return JsonValue.Create($"\u0002{raws.Count - 1}\u0002");
    }

    // A whole `"name":value` written verbatim (a duplicate name the tree cannot hold): the placeholder property "\u0003N\u0003": null.
    private static void AddRawProperty(JsonObject obj, List<byte[]> raws, string text)
    {
        raws.Add(Encoding.UTF8.GetBytes(text));
        obj[$"\u0003{raws.Count - 1}\u0003"] = null;
    }

    private static byte[] Write(JsonNode root, List<byte[]> raws)
    {
        var written = JsonSerializer.SerializeToUtf8Bytes(root, Writing);
        if (raws.Count == 0)
        {
            return written;
        }

        var output = new List<byte>(written.Length + raws.Sum(r => r.Length));
        var text = written.AsSpan();
        while (text.Length > 0)
        {
            var at = text.IndexOf("\"\\u000"u8);
            if (at < 0 || text.Length < at + 8 || text[at + 6] is not ((byte)'2' or (byte)'3'))
            {
                output.AddRange(at < 0 ? text : text[..(at + 1)]);
                text = at < 0 ? default : text[(at + 1)..];
                continue;
            }

            var marker = text[at + 6];
            var digits = text[(at + 7)..];
            var end = digits.IndexOf("\\u000"u8);
            if (end <= 0 || !int.TryParse(Encoding.ASCII.GetString(digits[..end]), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= raws.Count)
            {
                output.AddRange(text[..(at + 1)]);
                text = text[(at + 1)..];
                continue;
            }

            // After the closing escape: `"` for a value; `":null` for a property placeholder.
            var after = digits[(end + 6)..];
            var tail = marker == (byte)'2' ? "\""u8 : "\":null"u8;
            if (!after.StartsWith(tail))
            {
                output.AddRange(text[..(at + 1)]);
                text = text[(at + 1)..];
                continue;
            }

            output.AddRange(text[..at]);
            output.AddRange(raws[index]);
            text = after[tail.Length..];
        }

        return [.. output];
    }
}

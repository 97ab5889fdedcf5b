using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Clearwind.Events;

/// <summary>
/// Writes a prepared event as the line it was parsed from, with only the string fields that preparing changed (keyed
/// identifiers) replaced: a byte copy instead of serialising the whole event again. Whenever that is not plainly
/// right — a changed field that is not a top-level string, a changed list or map, unknown fields (keying rewrites them
/// in place), a replacement that would need escaping — it declines and the caller serialises.
/// </summary>
internal static class EventJsonSplice
{
    private static readonly ConcurrentDictionary<Type, TypeFields> Fields = new();

    /// <summary>The prepared event's JSON, or null when only serialising is sure to be right.</summary>
    public static byte[]? TryWrite(ReadOnlySpan<byte> source, MarketEvent parsed, MarketEvent prepared)
    {
        if (prepared.GetType() != parsed.GetType() || prepared.Extra is { Count: > 0 } || parsed.Extra is { Count: > 0 })
        {
            return null;
        }

        // At most a handful of fields are identifiers; more changes than that is not what this is for.
        Span<int> changed = stackalloc int[8];
        var changes = 0;
        var (properties, numeric) = FieldsOf(prepared);
        for (var i = 0; i < properties.Length; i++)
        {
            var before = properties[i].Get!(parsed);
            var after = properties[i].Get!(prepared);
            if (ReferenceEquals(before, after))
            {
                continue;
            }

            if (after is not string value || before is not string || !IsPlainAscii(value) || changes == changed.Length)
            {
                return null;
            }

            changed[changes++] = i;
        }

        return Replace(source, properties, changed[..changes], numeric, prepared);
    }

    private static byte[]? Replace(ReadOnlySpan<byte> source, JsonPropertyInfo[] properties, ReadOnlySpan<int> changed, string[] numeric, MarketEvent prepared)
    {
        // Where each changed field's value sits in the source: (start, end, which change). A name given twice is
        // replaced both times, so no raw value survives whichever one the parser kept.
        Span<(int Start, int End, int Change)> spans = stackalloc (int, int, int)[16];
        Span<bool> found = stackalloc bool[changed.Length];
        var count = 0;
        var reader = new Utf8JsonReader(source);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        // A name given twice keeps only its last value in the event, but both in the line: the first may be a raw identifier
        // the keyer never saw (`"phone": "138…", "phone": null`). Such a line, or one with an escaped name that might repeat
        // another, is serialised instead.
        Span<ulong> names = stackalloc ulong[32];
        var nameCount = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Fnv1a(reader.ValueSpan);
            if (reader.ValueIsEscaped || nameCount == names.Length || names[..nameCount].Contains(name))
            {
                return null;
            }

            names[nameCount++] = name;
            var match = -1;
            for (var c = 0; c < changed.Length && match < 0; c++)
            {
                if (reader.ValueTextEquals(properties[changed[c]].Name))
                {
                    match = c;
                }
            }

            // A number written as a string ("amount": "19.90") is read as a number; the store keeps the number, so such a
            // line is serialised.
            var isNumeric = false;
            for (var n = 0; n < numeric.Length && match < 0 && !isNumeric; n++)
            {
                isNumeric = reader.ValueTextEquals(numeric[n]);
            }

            reader.Read();
            if (isNumeric && reader.TokenType == JsonTokenType.String)
            {
                return null;
            }

            if (match < 0)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.String || count == spans.Length)
            {
                return null;
            }

            spans[count++] = ((int)reader.TokenStartIndex, (int)reader.BytesConsumed, match);
            found[match] = true;
        }

        if (found.Contains(false))
        {
            return null;
        }

        if (count == 0)
        {
            return source.ToArray();
        }

        var values = new string[changed.Length];
        for (var c = 0; c < changed.Length; c++)
        {
            values[c] = (string)properties[changed[c]].Get!(prepared)!;
        }

        var length = source.Length;
        foreach (var (start, end, change) in spans[..count])
        {
            length += values[change].Length + 2 - (end - start);
        }

        var output = new byte[length];
        var (from, to) = (0, 0);
        foreach (var (start, end, change) in spans[..count])
        {
            source[from..start].CopyTo(output.AsSpan(to));
            to += start - from;
            output[to++] = (byte)'"';
            to += System.Text.Encoding.ASCII.GetBytes(values[change], output.AsSpan(to));
            output[to++] = (byte)'"';
            from = end;
        }

        source[from..].CopyTo(output.AsSpan(to));
        return output;
    }

    // Per event type, read once: the properties whose values are objects (strings, lists, maps), the only ones preparing
    // can replace (value-typed ones would box when read); and the names of those holding numbers, which an input may
    // write as strings.
    private static TypeFields FieldsOf(MarketEvent e)
        => Fields.GetOrAdd(e.GetType(), static (_, e) =>
        {
            var properties = EventJson.TypeInfoFor(e).Properties;
            return new TypeFields(
                [.. properties.Where(p => p.Get is not null && !p.PropertyType.IsValueType)],
                [.. properties.Where(p => (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) is var t && (t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double))).Select(p => p.Name)]);
        }, e);

    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private static bool IsPlainAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct TypeFields(JsonPropertyInfo[] References, string[] Numeric);
}

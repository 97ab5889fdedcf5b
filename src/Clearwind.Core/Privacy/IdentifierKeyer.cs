using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clearwind.Events;

namespace Clearwind.Privacy;

/// <summary>
/// Keys personal identifiers (phone, address, payment account, device) with HMAC-SHA-256 at ingest, so the raw
/// value is never stored or written. Keyed values look like <c>h1:</c> + 32 hex digits and are left as they are,
/// so events already keyed (or read back from the store) are not keyed twice.
/// </summary>
public sealed class IdentifierKeyer
{
    /// <summary>Prefix of a keyed value.</summary>
    public const string Prefix = "h1:";

    // Raw → keyed values already computed; bounded, and once full it simply stops growing.
    private const int CacheLimit = 1_000_000;
    private static readonly string[] PersonalFieldHints = ["phone", "mobile", "tel", "email", "e_mail", "address", "payment", "device", "id_card", "id_number", "idcard", "passport"];
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
    /// <summary>Bytes of the HMAC a full-length key carries (alliance hashes); platform keys carry the first 16.</summary>
    public const int FullLength = 32;

    private readonly byte[] _key;
    private readonly string _prefix = Prefix;
    private readonly int _length = 16;
    private readonly ConcurrentDictionary<(IdentifierKind, string), string> _cache = new();

    // One keyed HMAC per thread, reset after each use: far cheaper than setting the key up for every value.
    [ThreadStatic]
    private static (byte[] Key, IncrementalHash Hmac)? _threadHmac;
    private int _cached;

    /// <summary>Creates a keyer; the key must be at least 16 bytes.</summary>
    public IdentifierKeyer(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
        {
            throw new ArgumentException("the HMAC key must be at least 16 bytes", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>A fresh random 32-byte key, hex-encoded (the form stored and accepted from options).</summary>
    public static string NewKeyHex() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private IdentifierKeyer(byte[] key, string prefix, int length)
        : this(key)
    {
        (_prefix, _length) = (prefix, length);
    }

    /// <summary>
    /// Where newly keyed identifiers are also keyed under the alliance key (set when the host has one), so that the
    /// alliance hash of an identifier is known later although its raw value is never kept.
    /// </summary>
    public Alliance.AllianceLinks? Alliance { get; set; }

    /// <summary>Reads a key given as hex (≥ 32 digits) or as any passphrase of ≥ 16 characters.</summary>
    public static IdentifierKeyer FromText(string text) => FromText(text, Prefix, 16);

    /// <summary>The same with another prefix and HMAC length (in bytes, 16 or <see cref="FullLength"/>).</summary>
    internal static IdentifierKeyer FromText(string text, string prefix, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = text.Length >= 32 && text.Length % 2 == 0 && text.All(Uri.IsHexDigit) ? Convert.FromHexString(text) : Encoding.UTF8.GetBytes(text);
        return new IdentifierKeyer(key, prefix, length);
    }

    /// <summary>True when the value is already in keyed form.</summary>
    public static bool IsKeyed(string? value)
        => value is { Length: 35 } && value.StartsWith(Prefix, StringComparison.Ordinal) && !value.AsSpan(3).ContainsAnyExcept(LowerHex);

    /// <summary>Keys one identifier; null and empty stay as they are, keyed values pass through.</summary>
    public string? Key(IdentifierKind kind, string? raw)
    {
        if (string.IsNullOrEmpty(raw) || IsKeyed(raw))
        {
            return raw;
        }

        return KeyRaw(kind, raw);
    }

    /// <summary>Keys a raw value (one never to be taken for a keyed one).</summary>
    internal string KeyRaw(IdentifierKind kind, string raw)
    {
        if (_cache.TryGetValue((kind, raw), out var keyed))
        {
            return keyed;
        }

        var normalized = Normalize(kind, raw);
        var input = Encoding.UTF8.GetBytes(kind + ":" + normalized);
        Span<byte> mac = stackalloc byte[32];
        if (_threadHmac is not { } cached || !ReferenceEquals(cached.Key, _key))
        {
            _threadHmac?.Hmac.Dispose();
            _threadHmac = cached = (_key, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key));
        }

        var hmac = cached.Hmac;
        hmac.AppendData(input);
        hmac.GetHashAndReset(mac);
        keyed = _prefix + Convert.ToHexStringLower(mac[.._length]);
        if (Volatile.Read(ref _cached) < CacheLimit && _cache.TryAdd((kind, raw), keyed))
        {
            Interlocked.Increment(ref _cached);
        }

        Alliance?.Link(kind, raw, keyed);
        return keyed;
    }

    /// <summary>Returns the event with every personal identifier keyed (unknown fields named like one too).</summary>
    public MarketEvent Apply(MarketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var keyed = e switch
        {
            AccountRegistered a => a with { Phone = Key(IdentifierKind.Phone, a.Phone), Device = Key(IdentifierKind.Device, a.Device) },
            AccountLogin a => a with { Device = Key(IdentifierKind.Device, a.Device) },
            ListingViewed v => v with { Device = Key(IdentifierKind.Device, v.Device) },
            ListingLiked l => l with { Device = Key(IdentifierKind.Device, l.Device) },
            AdClicked c => c with { Device = Key(IdentifierKind.Device, c.Device) },
            OrderPlaced o => o with
            {
                Device = Key(IdentifierKind.Device, o.Device),
                Address = Key(IdentifierKind.Address, o.Address),
                Phone = Key(IdentifierKind.Phone, o.Phone),
            },
            OrderPaid p => p with { PaymentAccount = Key(IdentifierKind.PaymentAccount, p.PaymentAccount) },
            ReportFiled r when r.Evidence is { Count: > 0 } evidence => r with
            {
                Evidence = [.. evidence.Select(item => item.Kind is { } kind && LooksPersonal(kind) ? item with { Value = Key(IdentifierKind.Other, item.Value) } : item)],
            },
            _ => e,
        };
        if (keyed.Extra is { Count: > 0 } extra)
        {
            KeyUnknownFields(extra);
        }

        return keyed;
    }

    private void KeyUnknownFields(Dictionary<string, JsonElement> extra)
    {
        foreach (var name in extra.Keys.ToList())
        {
            var value = extra[name];
            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array || LooksPersonal(name))
            {
                var node = JsonNode.Parse(value.GetRawText());
                var rewritten = KeyNode(node, LooksPersonal(name));
                extra[name] = JsonSerializer.SerializeToElement(rewritten, EventJsonContext.Default.JsonNode);
            }
        }
    }

    private JsonNode? KeyNode(JsonNode? node, bool personal)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    obj[name] = KeyNode(child?.DeepClone(), personal || LooksPersonal(name));
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = KeyNode(array[i]?.DeepClone(), personal);
                }

                return array;
            case JsonValue value when personal && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number:
                return JsonValue.Create(Key(IdentifierKind.Other, value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()));
            default:
                return node;
        }
    }

    /// <summary>True when a field of this name holds a personal identifier (keyed wherever it is found among unknown fields).</summary>
    internal static bool LooksPersonal(string name)
    {
        foreach (var hint in PersonalFieldHints)
        {
            if (name.Contains(hint, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalize(IdentifierKind kind, string raw)
    {
        switch (kind)
        {
            case IdentifierKind.Phone:
                var digits = new string(raw.Where(char.IsAsciiDigit).ToArray());
                if (digits.Length == 0)
                {
                    return raw.Trim(); // "N/A" and "-" must not all become one shared phone.
                }

                if (digits.Length == 15 && digits.StartsWith("0086", StringComparison.Ordinal))
                {
                    return digits[4..];
                }

                return digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..] : digits;
            case IdentifierKind.Address:
                return string.Join(' ', raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
            default:
                return raw.Trim();
        }
    }
}

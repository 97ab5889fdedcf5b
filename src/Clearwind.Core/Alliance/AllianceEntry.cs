namespace Clearwind.Alliance;

/// <summary>
/// One blacklist entry as partners exchange it: never the raw identifier, only its HMAC-SHA-256 under the alliance key.
/// </summary>
/// <param name="Kind">One of <see cref="AllianceKinds"/>.</param>
/// <param name="Hash">The identifier keyed under the alliance key (<c>a1:</c> + 64 hex digits).</param>
/// <param name="Pattern">The pattern the source platform confirmed, e.g. <c>order_brushing.ring</c>.</param>
/// <param name="Confidence">The source's confidence in 0..1.</param>
/// <param name="FirstSeen">When the source first saw the identifier in that activity.</param>
/// <param name="LastSeen">When the source last saw it.</param>
/// <param name="ExpiresAt">After this the entry no longer matches anywhere.</param>
/// <param name="Source">The platform that listed it.</param>
public sealed partial record AllianceEntry(
    string Kind,
    string Hash,
    string Pattern,
    double Confidence,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    DateTimeOffset ExpiresAt,
    string Source)
{
    /// <summary>What names the entry across files: its source, kind and hash (a withdrawal or dispute refers to it).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => $"{Source}/{Kind}/{Hash}";

    /// <summary>The entry keys a text names (evidence of <c>alliance.listed</c> names the entries that matched).</summary>
    public static IEnumerable<string> KeysIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return KeyPattern().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\s/()（）；;,，]+/(phone|device|payment_account|address|account|website|chat_group)/a1:[0-9a-f]{64}")]
    private static partial System.Text.RegularExpressions.Regex KeyPattern();
}

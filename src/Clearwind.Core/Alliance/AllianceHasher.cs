using Clearwind.Privacy;

namespace Clearwind.Alliance;

/// <summary>
/// Keys identifiers under the alliance key, which every partner holds: the same raw value gives the same hash on every
/// platform (normalised the way the platform's own keyer normalises it), and nobody without the key can test a guess.
/// </summary>
public sealed class AllianceHasher
{
    /// <summary>Prefix of an alliance hash.</summary>
    public const string Prefix = "a1:";

    /// <summary>Environment variable that may hold the alliance key.</summary>
    public const string KeyVariable = "CLEARWIND_ALLIANCE_KEY";

    private readonly IdentifierKeyer _keyer;

    /// <summary>Creates a hasher from the alliance key as text (hex of ≥ 32 digits, or a passphrase of ≥ 16 characters).</summary>
    public AllianceHasher(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _keyer = IdentifierKeyer.FromText(key, Prefix, IdentifierKeyer.FullLength);
    }

    /// <summary>The hash of <paramref name="raw"/> as an identifier of <paramref name="kind"/> (one of <see cref="AllianceKinds"/>).</summary>
    public string Hash(string kind, string raw)
    {
        ArgumentException.ThrowIfNullOrEmpty(raw);
        if (!AllianceKinds.All.Contains(kind))
        {
            throw new ArgumentException($"unknown alliance kind `{kind}`", nameof(kind));
        }

        // Kinds keyed the same way by the platform keyer (phones, devices…) share its normalisation; the others are
        // told apart by their own name, so a handle never matches a website of the same text.
        var keying = AllianceKinds.KeyingKind(kind);
        return _keyer.KeyRaw(keying, keying == IdentifierKind.Other ? kind + ":" + Normalise(kind, raw) : raw);
    }

    /// <summary>A hasher from the option, else <see cref="KeyVariable"/>; null when neither is set.</summary>
    public static AllianceHasher? FromOptionOrEnvironment(string? option)
    {
        var text = option ?? Environment.GetEnvironmentVariable(KeyVariable);
        return string.IsNullOrEmpty(text) ? null : new AllianceHasher(text);
    }

    private static string Normalise(string kind, string raw) => kind switch
    {
        AllianceKinds.Website => WebsiteHost(raw),
        _ => raw.Trim(),
    };

    // "https://www.Shua-Dan.com/path" and "shua-dan.com" are one site.
    private static string WebsiteHost(string raw)
    {
        var text = raw.Trim().ToLowerInvariant();
        var host = Uri.TryCreate(text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text, UriKind.Absolute, out var uri) ? uri.Host : text;
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clearwind.Alliance;

/// <summary>What an alliance file carries: one platform's entries and the keys of entries it withdraws.</summary>
/// <param name="Format">Always <see cref="AllianceFile.FormatName"/>.</param>
/// <param name="Source">The platform that wrote (and signed) the file.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="Entries">Its current entries.</param>
/// <param name="Withdrawn">Keys (<see cref="AllianceEntry.Key"/>) of its entries it takes back.</param>
public sealed record AlliancePayload(string Format, string Source, DateTimeOffset CreatedAt, IReadOnlyList<AllianceEntry> Entries, IReadOnlyList<string> Withdrawn);

/// <summary>
/// The signed alliance file: <c>{"payload": {…}, "signature": {…}}</c>. The signature (ECDSA P-256, SHA-256) covers the
/// payload's exact bytes, so any change to any entry, or to the order of entries, makes the file fail to import.
/// </summary>
public static class AllianceFile
{
    /// <summary>The format name and version payloads carry.</summary>
    public const string FormatName = "clearwind-alliance/1";

    /// <summary>The signature algorithm files name.</summary>
    public const string Algorithm = "ECDSA-P256-SHA256";

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes and signs a payload.</summary>
    public static byte[] Write(AlliancePayload payload, ECDsa signingKey)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(signingKey);
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, Json);
        var signature = new Signature(Algorithm, KeyId(signingKey), Convert.ToBase64String(signingKey.SignData(body, HashAlgorithmName.SHA256)));
        using var output = new MemoryStream();
        output.Write("{\"payload\":"u8);
        output.Write(body);
        output.Write(",\"signature\":"u8);
        output.Write(JsonSerializer.SerializeToUtf8Bytes(signature, Json));
        output.Write("}\n"u8);
        return output.ToArray();
    }

    /// <summary>
    /// Reads a file and checks it was signed with <paramref name="sourceKey"/> (the source platform's public key) and
    /// that every entry is well formed and listed by the file's own source.
    /// </summary>
    /// <exception cref="AllianceFileException">The file is not one, was changed after signing, or holds a bad entry.</exception>
    public static AlliancePayload Read(ReadOnlySpan<byte> file, ECDsa sourceKey)
    {
        ArgumentNullException.ThrowIfNull(sourceKey);
        byte[] body;
        Signature? signature;
        try
        {
            using var document = JsonDocument.Parse(file.ToArray());
            if (!document.RootElement.TryGetProperty("payload", out var payload) || !document.RootElement.TryGetProperty("signature", out var signed))
            {
                throw new AllianceFileException("not an alliance file: `payload` and `signature` are required");
            }

            body = Encoding.UTF8.GetBytes(payload.GetRawText());
            signature = signed.Deserialize<Signature>(Json);
        }
        catch (JsonException ex)
        {
            throw new AllianceFileException($"not an alliance file: invalid JSON ({ex.Message})");
        }
        catch (InvalidOperationException)
        {
            // Strings are decoded only when read: invalid UTF-8 or a lone surrogate escape shows up here.
            throw new AllianceFileException("not an alliance file: a string is not valid text");
        }

        if (signature is not { Algorithm: Algorithm, Value: { } value })
        {
            throw new AllianceFileException($"unsupported signature: only {Algorithm} is accepted");
        }

        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new AllianceFileException("the signature is not base64");
        }

        if (!sourceKey.VerifyData(body, signatureBytes, HashAlgorithmName.SHA256))
        {
            throw new AllianceFileException("signature check failed: the file was changed after signing, or was not signed with the given key");
        }

        AlliancePayload? read;
        try
        {
            read = JsonSerializer.Deserialize<AlliancePayload>(body, Json);
        }
        catch (JsonException ex)
        {
            throw new AllianceFileException($"the payload is not readable: {ex.Message}");
        }
        catch (InvalidOperationException)
        {
            throw new AllianceFileException("the payload is not readable: a string is not valid text");
        }

        return Validate(read);
    }

    /// <summary>Short fingerprint of a key's public half: the first 16 hex digits of the SHA-256 of its SubjectPublicKeyInfo.</summary>
    public static string KeyId(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    private static AlliancePayload Validate(AlliancePayload? payload)
    {
        if (payload is null || payload.Format != FormatName)
        {
            throw new AllianceFileException($"unsupported format: expected {FormatName}");
        }

        if (string.IsNullOrWhiteSpace(payload.Source) || payload.Entries is null || payload.Withdrawn is null)
        {
            throw new AllianceFileException("the payload lacks its source, entries or withdrawn list");
        }

        for (var i = 0; i < payload.Entries.Count; i++)
        {
            var e = payload.Entries[i];
            var problem = e is null ? "is empty"
                : !AllianceKinds.All.Contains(e.Kind) ? $"has an unknown kind `{e.Kind}`"
                : !IsHash(e.Hash) ? "has no alliance hash (a1: and 64 hex digits); raw identifiers are never accepted"
                : e.Source != payload.Source ? $"names another source ({e.Source}) than the file's ({payload.Source})"
                : e.Confidence is < 0 or > 1 || double.IsNaN(e.Confidence) ? "has a confidence outside 0..1"
                : string.IsNullOrWhiteSpace(e.Pattern) ? "has no pattern"
                : e.LastSeen < e.FirstSeen || e.ExpiresAt < e.LastSeen ? "has its times out of order (first seen ≤ last seen ≤ expiry)"
                : null;
            if (problem is not null)
            {
                throw new AllianceFileException($"entry {i + 1} {problem}");
            }
        }

        return payload;
    }

    private static bool IsHash(string? value)
        => value is { Length: 67 } && value.StartsWith(AllianceHasher.Prefix, StringComparison.Ordinal) && !value.AsSpan(3).ContainsAnyExcept(LowerHex);

    private sealed record Signature(string Algorithm, string KeyId, string Value);
}

/// <summary>An alliance file that must not be imported; the message says why.</summary>
public sealed class AllianceFileException(string message) : Exception(message);

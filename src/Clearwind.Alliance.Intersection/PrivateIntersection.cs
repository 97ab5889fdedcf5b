using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Clearwind.Alliance;

/// <summary>
/// Diffie–Hellman private set intersection over X25519 (semi-honest parties). Each item is hashed to a curve coordinate
/// and raised to a party's secret scalar; because X25519 scalar multiplication commutes, an item both parties hold ends
/// up as the same value after both secrets are applied, in whichever order, while a value under one secret says
/// nothing about the item to the other party. The requester learns which of its items the responder also holds, and
/// nothing else; the responder learns only how many items the requester sent.
/// </summary>
/// <remarks>
/// Flow: the requester sends <see cref="Blind"/> of its items (sorted, so their order gives nothing away); the responder
/// answers with <see cref="Respond"/>: those values under its secret too, in the same order, and its own items under its
/// secret only (sorted); the requester applies its secret to the latter with <see cref="Finish"/> and compares.
/// </remarks>
public sealed class PrivateIntersection : IDisposable
{
    /// <summary>Bytes of one blinded value.</summary>
    public const int ValueLength = 32;

    private static readonly KeyAgreementAlgorithm X25519 = KeyAgreementAlgorithm.X25519;
    private static readonly byte[] Domain = "clearwind-alliance-psi/1\0"u8.ToArray();
    private readonly Key _secret;

    private PrivateIntersection(Key secret) => _secret = secret;

    /// <summary>A party with a fresh random secret.</summary>
    public static PrivateIntersection Create()
        => new(Key.Create(X25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>A party with a secret kept from before (<see cref="ExportSecret"/>): the requester needs its own to finish.</summary>
    public static PrivateIntersection FromSecret(ReadOnlySpan<byte> secret)
        => new(Key.Import(X25519, secret, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>The secret scalar, to keep between sending a request and finishing it (never to be sent).</summary>
    public byte[] ExportSecret() => _secret.Export(KeyBlobFormat.RawPrivateKey);

    /// <summary>The items under this party's secret, sorted; <paramref name="itemOf"/> maps each value back to its item.</summary>
    public byte[][] Blind(IReadOnlyList<string> items, out Dictionary<string, string> itemOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        var distinct = items.Distinct(StringComparer.Ordinal).ToArray();
        var blinded = new byte[distinct.Length][];
        Parallel.For(0, distinct.Length, i => blinded[i] = Apply(HashToCurve(distinct[i])));
        itemOf = new Dictionary<string, string>(distinct.Length, StringComparer.Ordinal);
        for (var i = 0; i < distinct.Length; i++)
        {
            itemOf[Convert.ToBase64String(blinded[i])] = distinct[i];
        }

        Array.Sort(blinded, static (x, y) => x.AsSpan().SequenceCompareTo(y));
        return blinded;
    }

    /// <summary>
    /// The responder's answer: the requester's values under this secret too (same order), and this party's own items
    /// under its secret (sorted).
    /// </summary>
    public (byte[][] TheirsTwice, byte[][] MineOnce) Respond(IReadOnlyList<byte[]> theirs, IReadOnlyList<string> mine)
    {
        ArgumentNullException.ThrowIfNull(theirs);
        var twice = new byte[theirs.Count][];
        Parallel.For(0, theirs.Count, i => twice[i] = Apply(Checked(theirs[i])));
        return (twice, Blind(mine, out _));
    }

    /// <summary>
    /// The requester's items the responder also holds: <paramref name="sent"/> is what this party sent (in that order),
    /// <paramref name="itemOf"/> from <see cref="Blind"/>.
    /// </summary>
    public IReadOnlyList<string> Finish(IReadOnlyList<byte[]> sent, IReadOnlyDictionary<string, string> itemOf, IReadOnlyList<byte[]> theirsTwice, IReadOnlyList<byte[]> responderOnce)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(itemOf);
        ArgumentNullException.ThrowIfNull(theirsTwice);
        ArgumentNullException.ThrowIfNull(responderOnce);
        if (sent.Count != theirsTwice.Count)
        {
            throw new InvalidDataException($"the response answers {theirsTwice.Count} values; {sent.Count} were sent");
        }

        var responder = new string[responderOnce.Count];
        Parallel.For(0, responderOnce.Count, i => responder[i] = Convert.ToBase64String(Apply(Checked(responderOnce[i]))));
        var theirs = new HashSet<string>(responder, StringComparer.Ordinal);
        var common = new List<string>();
        for (var i = 0; i < sent.Count; i++)
        {
            if (theirs.Contains(Convert.ToBase64String(theirsTwice[i])))
            {
                common.Add(itemOf[Convert.ToBase64String(sent[i])]);
            }
        }

        common.Sort(StringComparer.Ordinal);
        return common;
    }

    /// <inheritdoc/>
    public void Dispose() => _secret.Dispose();

    private static byte[] HashToCurve(string item)
    {
        var input = new byte[Domain.Length + Encoding.UTF8.GetByteCount(item)];
        Domain.CopyTo(input, 0);
        Encoding.UTF8.GetBytes(item, input.AsSpan(Domain.Length));
        return SHA256.HashData(input);
    }

    private static byte[] Checked(byte[] value)
        => value is { Length: ValueLength } ? value : throw new InvalidDataException($"a blinded value must be {ValueLength} bytes");

    private byte[] Apply(byte[] point)
    {
        var other = PublicKey.Import(X25519, point, KeyBlobFormat.RawPublicKey);
        using var shared = X25519.Agree(_secret, other, new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport })
            ?? throw new InvalidDataException("a blinded value is a point of small order");
        return shared.Export(SharedSecretBlobFormat.RawSharedSecret);
    }
}

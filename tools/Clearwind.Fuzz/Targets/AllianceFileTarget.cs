using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clearwind.Alliance;
using Clearwind.Fuzz.Engine;

namespace Clearwind.Fuzz.Targets;

/// <summary>
/// A partner's alliance file as <c>alliance import</c> checks it: <see cref="AllianceFile.Read"/> parses it, verifies the
/// signature against the partner's key and validates every entry; the documented error is <see cref="AllianceFileException"/>.
/// Most mutants re-sign their changed payload with the partner's key, so they get past the signature to the payload's
/// validation; the rest are changed after signing and must be refused by the signature check. An accepted file must
/// write and read back the same.
/// </summary>
internal sealed class AllianceFileTarget : FuzzTarget, IDisposable
{
    private readonly ECDsa _partner = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public override string Name => "alliance-file";

    public override IReadOnlyList<byte[]> Seeds()
    {
        var hasher = new AllianceHasher("fuzz-alliance-key-0123456789abcdef");
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        AllianceEntry Entry(string kind, string raw, int days) =>
            new(kind, hasher.Hash(kind, raw), "order_brushing.ring", 0.9, at, at.AddDays(days), at.AddDays(180), "shop-a");
        var payload = new AlliancePayload(AllianceFile.FormatName, "shop-a", at.AddDays(10),
            [Entry(AllianceKinds.Phone, "13800138000", 3), Entry(AllianceKinds.Device, "dev-1", 5), Entry(AllianceKinds.PaymentAccount, "6222020200112233", 1)],
            ["shop-a/phone/" + hasher.Hash(AllianceKinds.Phone, "13900139000")]);
        var empty = payload with { Entries = [], Withdrawn = [] };
        return [AllianceFile.Write(payload, _partner), AllianceFile.Write(empty, _partner), AllianceFile.Write(payload, _stranger)];
    }

    public override IReadOnlyList<string> Dictionary =>
        [.. JsonMutator.CommonTokens, "\"clearwind-alliance/1\"", "\"ECDSA-P256-SHA256\"", "\"a1:", "\"phone\"", "\"device\"", "\"payment_account\"", "\"key_id\"", "\"value\""];

    // Which check refused it: not JSON, the signature, the payload's shape, or one entry's validation.
    public override string Stage(string outcome) => outcome switch
    {
        _ when outcome.StartsWith("refused: entry", StringComparison.Ordinal) => "refused: an entry (signature passed)",
        _ when outcome.StartsWith("refused: ", StringComparison.Ordinal) => "refused: " + outcome["refused: ".Length..].Split(':', '(')[0].Trim(),
        _ => outcome,
    };

    public override string Run(byte[] input)
    {
        AlliancePayload payload;
        try
        {
            payload = AllianceFile.Read(input, _partner);
        }
        catch (AllianceFileException ex)
        {
            return "refused: " + ex.Message;
        }

        var again = AllianceFile.Read(AllianceFile.Write(payload, _partner), _partner);
        if (JsonSerializer.Serialize(again) != JsonSerializer.Serialize(payload))
        {
            throw new PropertyViolation("an accepted alliance file, written and read back, differs");
        }

        return "accepted";
    }

    public override byte[] MutateStructured(byte[] input, Mutator mutator)
    {
        if (mutator.Random.Next(4) == 0 || Payload(input) is not { } payload)
        {
            return mutator.Json.Mutate(input);
        }

        // Change the payload and sign it again, as a partner that writes bad entries would.
        var changed = mutator.Random.Next(3) == 0 ? mutator.MutateBytes(payload) : mutator.Json.Mutate(payload);
        var signature = Convert.ToBase64String(_partner.SignData(changed, HashAlgorithmName.SHA256));
        return [.. "{\"payload\":"u8, .. changed, .. Encoding.UTF8.GetBytes($",\"signature\":{{\"algorithm\":\"{AllianceFile.Algorithm}\",\"key_id\":\"{AllianceFile.KeyId(_partner)}\",\"value\":\"{signature}\"}}}}\n")];
    }

    public void Dispose()
    {
        _partner.Dispose();
        _stranger.Dispose();
    }

    private static byte[]? Payload(byte[] file)
    {
        try
        {
            using var document = JsonDocument.Parse(file);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("payload", out var payload)
                ? Encoding.UTF8.GetBytes(payload.GetRawText())
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, or a payload whose text cannot be read back (a lone surrogate escape): mutate the file as it is.
            return null;
        }
    }
}

using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Clearwind.Events;

namespace Clearwind.Policy;

/// <summary>
/// The hash chain that makes the decision log tamper-evident. Each appended record carries <c>prev_hash</c> (the
/// <c>hash</c> of the record before it; <see cref="Genesis"/> for the first) and <c>hash</c>: SHA-256, lower-case hex,
/// of the UTF-8 bytes of its canonical form. The canonical form is one compact JSON object with exactly these members
/// in this order: <c>id</c>, <c>entity</c> (<c>type</c>, <c>id</c>), <c>action</c>, <c>rule</c>, <c>findings</c>,
/// <c>strike</c>, <c>effective_at</c>, <c>expires_at</c>, <c>appeal_by</c> (times as written in
/// <c>decisions.ndjson</c>: UTC, <c>…Z</c>; null when absent), <c>reverses</c> (only when the record has one), <c>explanation</c> (<c>en</c>, <c>zh_cn</c>; only when
/// the record has one), <c>prev_hash</c>; strings with JSON's minimal escaping (non-ASCII characters as they are).
/// Editing, removing, inserting or reordering a record breaks the chain at that record.
/// </summary>
public static class DecisionChain
{
    /// <summary>The <c>prev_hash</c> of the first record: 64 zeros.</summary>
    public static readonly string Genesis = new('0', 64);

    private static readonly JsonWriterOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The hash of <paramref name="decision"/>'s fields chained after <paramref name="prevHash"/>.</summary>
    public static string ComputeHash(Decision decision, string prevHash)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(prevHash);
        // A buffer and writer per thread: a round hashes every decision it appends, each a few kilobytes.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(8192);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Canonical);
        writer.Reset(buffer);
        WriteCanonical(writer, decision, prevHash);
        writer.Flush();
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The decision as it is appended after a record whose hash is <paramref name="prevHash"/>.</summary>
    public static Decision Link(Decision decision, string prevHash)
        => decision with { PrevHash = prevHash, Hash = ComputeHash(decision, prevHash) };

    /// <summary>The canonical form hashed (see the class summary).</summary>
    public static byte[] CanonicalBytes(Decision decision, string prevHash)
    {
        ArgumentNullException.ThrowIfNull(decision);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Canonical))
        {
            WriteCanonical(w, decision, prevHash);
        }

        return buffer.ToArray();
    }

    private static void WriteCanonical(Utf8JsonWriter w, Decision decision, string prevHash)
    {
        w.WriteStartObject();
        w.WriteString("id", decision.Id);
        w.WriteStartObject("entity");
        w.WriteString("type", decision.Entity.Type);
        w.WriteString("id", decision.Entity.Id);
        w.WriteEndObject();
        w.WriteString("action", decision.Action);
        w.WriteString("rule", decision.Rule);
        w.WriteStartArray("findings");
        foreach (var f in decision.Findings)
        {
            w.WriteStringValue(f);
        }

        w.WriteEndArray();
        w.WriteNumber("strike", decision.Strike);
        WriteTime(w, "effective_at", decision.EffectiveAt);
        WriteTime(w, "expires_at", decision.ExpiresAt);
        WriteTime(w, "appeal_by", decision.AppealBy);
        if (decision.Reverses is { } reverses)
        {
            w.WriteString("reverses", reverses);
        }

        if (decision.Explanation is { } explanation)
        {
            w.WriteStartObject("explanation");
            w.WriteString("en", explanation.En);
            w.WriteString("zh_cn", explanation.ZhCn);
            w.WriteEndObject();
        }

        w.WriteString("prev_hash", prevHash);
        w.WriteEndObject();
    }

    /// <summary>
    /// Checks a log read in order. Stops at the first record that is unreadable, has no or a wrong <c>hash</c> (it was
    /// edited), or whose <c>prev_hash</c> is not the hash of the record before it (a record was removed, inserted or
    /// moved before it).
    /// </summary>
    public static ChainCheck Verify(IEnumerable<Decision> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var head = Genesis;
        long position = 0;
        foreach (var d in log)
        {
            position++;
            if (Check(d, head) is { } problem)
            {
                return new ChainCheck(position - 1, head, new ChainBreak(position, d.Id, problem));
            }

            head = d.Hash!;
        }

        return new ChainCheck(position, head, null);
    }

    /// <summary>What is wrong with <paramref name="decision"/> read after a record whose hash is <paramref name="head"/>, or null.</summary>
    public static string? Check(Decision decision, string head)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (string.IsNullOrEmpty(decision.Hash) || string.IsNullOrEmpty(decision.PrevHash))
        {
            return "the record has no hash or prev_hash (written outside the chained log)";
        }

        if (!string.Equals(ComputeHash(decision, decision.PrevHash), decision.Hash, StringComparison.Ordinal))
        {
            return "its content does not match its hash: the record was edited";
        }

        return string.Equals(decision.PrevHash, head, StringComparison.Ordinal)
            ? null
            : head == Genesis
                ? $"its prev_hash {decision.PrevHash} is not the first record's {Genesis}: records before it were removed"
                : $"its prev_hash {decision.PrevHash} is not the hash of the record before it ({head}): a record was removed, inserted or moved here";
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            w.WriteString(name, EventTimeConverter.Format(time.ToUniversalTime()));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

/// <summary>The result of checking a decision log's chain.</summary>
/// <param name="Verified">Records that check out, from the start (all of them when <paramref name="Break"/> is null).</param>
/// <param name="Head">Hash of the last record that checks out (<see cref="DecisionChain.Genesis"/> for none).</param>
/// <param name="Break">The first broken record, or null when the whole log checks out.</param>
public sealed record ChainCheck(long Verified, string Head, ChainBreak? Break)
{
    /// <summary>True when every record checks out.</summary>
    public bool Ok => Break is null;
}

/// <summary>The first record where a chain breaks.</summary>
/// <param name="Position">1-based position in the log (the line number in <c>decisions.ndjson</c>).</param>
/// <param name="Id">The record's id, when it could be read.</param>
/// <param name="Reason">What is wrong, in words.</param>
public sealed record ChainBreak(long Position, string? Id, string Reason);

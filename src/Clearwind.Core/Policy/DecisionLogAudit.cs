using Clearwind.Storage;

namespace Clearwind.Policy;

/// <summary>
/// What the hash chain cannot see on its own: records cut from the end of the log, or records added after it that no
/// append wrote. Fed the records a chain check walks (in order), it compares the log's end with its
/// <see cref="DecisionLogSeal"/> and with heads an auditor kept from earlier checks.
/// </summary>
/// <remarks>
/// A live store may be appended to while it is checked, so the seal is read twice: once before the walk (the log must
/// reach it, and its record there must be the sealed head) and once after (the log may not hold records past it).
/// A log, seal and head all rewritten together are only caught by a head kept outside the store
/// (<paramref name="expectedHeads"/>): an auditor's copy of what an earlier check printed.
/// </remarks>
public sealed class DecisionLogAudit(DecisionLogSeal? sealBefore, IReadOnlyCollection<string> expectedHeads)
{
    private readonly HashSet<string> _missingHeads = new(expectedHeads, StringComparer.Ordinal);
    private readonly List<string> _idsPastSeal = [];
    private string? _hashAtSeal;

    /// <summary>Notes the record at 1-based <paramref name="position"/> of a chain that checks out so far.</summary>
    public void Observe(long position, Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        _missingHeads.Remove(decision.Hash ?? "");
        if (sealBefore is not null && position == sealBefore.Records)
        {
            _hashAtSeal = decision.Hash;
        }
        else if (sealBefore is not null && position > sealBefore.Records)
        {
            _idsPastSeal.Add(decision.Id);
        }
    }

    /// <summary>
    /// The first problem with the end of a log whose chain checked out (<paramref name="chain"/> has no break), or null.
    /// <paramref name="sealAfter"/> is the seal read after the walk (the same as before for a file).
    /// </summary>
    public ChainBreak? Finish(ChainCheck chain, DecisionLogSeal? sealAfter)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var end = chain.Verified;
        if (sealBefore is null || sealAfter is null)
        {
            return new ChainBreak(end + 1, null, "the log has no seal (the record of its length and last hash that every append writes was removed)");
        }

        if (end < sealBefore.Records)
        {
            return new ChainBreak(end + 1, null,
                $"the log ends after record {end} but its seal says {sealBefore.Records} record(s) ending in {sealBefore.Head}: {sealBefore.Records - end} record(s) were removed from its end");
        }

        if (sealBefore.Records > 0 && !string.Equals(_hashAtSeal, sealBefore.Head, StringComparison.Ordinal))
        {
            return new ChainBreak(sealBefore.Records, null,
                $"record {sealBefore.Records} is not the sealed head {sealBefore.Head}: the end of the log was replaced");
        }

        if (end > sealAfter.Records)
        {
            var first = sealAfter.Records + 1;
            var index = first - sealBefore.Records - 1;
            var id = index >= 0 && index < _idsPastSeal.Count ? _idsPastSeal[(int)index] : null;
            return new ChainBreak(first, id,
                $"the log holds {end} record(s) but its seal says {sealAfter.Records}: record(s) from {first} on were added without an append");
        }

        if (_missingHeads.Count > 0)
        {
            return new ChainBreak(end + 1, null,
                $"no record has the expected head {_missingHeads.Order(StringComparer.Ordinal).First()}: the log was cut or rewritten at or before it");
        }

        return null;
    }
}

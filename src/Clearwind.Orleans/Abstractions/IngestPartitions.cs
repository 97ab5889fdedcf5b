using System.IO.Hashing;
using System.Text;

namespace Clearwind.Orleans.Abstractions;

/// <summary>Which ingest partition an event id belongs to: a stable hash, the same on every silo and in every release.</summary>
public static class IngestPartitions
{
    /// <summary>Partitions of a cluster unless configured otherwise.</summary>
    public const int DefaultCount = 16;

    /// <summary>The partition (0 ≤ p &lt; <paramref name="count"/>) of <paramref name="eventId"/>.</summary>
    public static int Of(string eventId, int count)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return (int)(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(eventId)) % (ulong)count);
    }
}

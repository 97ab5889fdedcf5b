using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Clearwind.Scanning;

/// <summary>
/// The event ids a scan has seen, to drop repeats. Each id is kept as its 128-bit XxHash rather than as a string: a
/// store's worth of ids then costs 16 bytes each and no objects for the garbage collector to trace. Two distinct ids
/// share a hash with probability about n² ÷ 2¹²⁹, negligible for any store (10¹² ids: 10⁻¹⁵).
/// </summary>
/// <param name="capacity">Ids expected.</param>
public sealed class EventIdSet(int capacity)
{
    private readonly HashSet<UInt128> _hashes = new(capacity);

    /// <summary>Forgets the id (a write that failed: its event was not stored after all).</summary>
    public bool Remove(string id) => _hashes.Remove(XxHash128.HashToUInt128(MemoryMarshal.AsBytes(id.AsSpan())));

    /// <summary>Adds the id; false when it was already seen.</summary>
    public bool Add(string id) => _hashes.Add(XxHash128.HashToUInt128(MemoryMarshal.AsBytes(id.AsSpan())));
}

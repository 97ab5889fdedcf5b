using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Clearwind;

/// <summary>
/// 64-bit keys for identifier values (already HMAC-keyed at ingest, so 40+ characters each): detectors that index
/// millions of them keep 8 bytes instead of the string and hash it once per event. The kind is the seed, so the same
/// text as an IP and as a device gives different keys. A collision between two values needs about 4 billion distinct
/// values to become likely.
/// </summary>
internal static class IdentifierHash
{
    public static ulong Of(int kind, string value) => Of(kind, value.AsSpan());

    /// <summary>The key of a value given as characters: the same as <see cref="Of(int, string)"/> of the same text.</summary>
    public static ulong Of(int kind, ReadOnlySpan<char> value) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value), kind);
}

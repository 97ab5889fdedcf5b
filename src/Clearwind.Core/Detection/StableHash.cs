using System.Security.Cryptography;
using System.Text;

namespace Clearwind.Detection;

/// <summary>Short deterministic ids from their parts (SHA-256, first 16 hex digits).</summary>
public static class StableHash
{
    /// <summary>Hashes the parts, separated so that ("ab","c") and ("a","bc") differ.</summary>
    public static string Hex(params ReadOnlySpan<string> parts)
    {
        var text = string.Join('\u001f', parts.ToArray());
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}

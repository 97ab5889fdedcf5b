using System.Globalization;

namespace Clearwind;

/// <summary>How every detector writes figures into evidence a seller reads, so all findings read alike.</summary>
internal static class EvidenceText
{
    /// <summary>An event time in UTC, to the second: <c>2026-11-11 20:15:03 UTC</c>.</summary>
    public static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}

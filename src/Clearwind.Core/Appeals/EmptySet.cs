using System.Collections.Frozen;

namespace Clearwind.Appeals;

/// <summary>The shared empty default of the jury records' sets.</summary>
internal static class EmptySet
{
    public static readonly IReadOnlySet<string> Strings = FrozenSet<string>.Empty;
}

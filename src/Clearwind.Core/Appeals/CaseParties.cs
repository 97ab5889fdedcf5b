namespace Clearwind.Appeals;

/// <summary>
/// Both sides of an appeal case: the penalised seller, and the reporter or the buyers involved when there are any.
/// A juror linked to anything listed here is never drawn (see <see cref="JuryDraw.Conflicts"/>).
/// </summary>
public sealed record CaseParties
{
    /// <summary>The party shops.</summary>
    public IReadOnlySet<string> Shops { get; init; } = EmptySet.Strings;

    /// <summary>Owner and staff accounts of the party shops and every other party account.</summary>
    public IReadOnlySet<string> Accounts { get; init; } = EmptySet.Strings;

    /// <summary>Keyed identifiers of the party accounts.</summary>
    public IReadOnlySet<string> Identifiers { get; init; } = EmptySet.Strings;

    /// <summary>Categories the party shops sell in.</summary>
    public IReadOnlySet<string> Categories { get; init; } = EmptySet.Strings;

    /// <summary>Companies or legal entities behind the parties.</summary>
    public IReadOnlySet<string> Companies { get; init; } = EmptySet.Strings;
}

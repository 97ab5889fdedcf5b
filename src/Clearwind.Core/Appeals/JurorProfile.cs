namespace Clearwind.Appeals;

/// <summary>
/// One candidate for a jury as the platform knows them. Every identifier value is already HMAC-keyed; the draw compares
/// values exactly (ordinal), except <see cref="Company"/>, which is compared trimmed and case-insensitively. Blank values
/// carry no information and are ignored.
/// </summary>
/// <param name="AccountId">The juror's account id (the id that is drawn and published).</param>
public sealed record JurorProfile(string AccountId)
{
    /// <summary>Keyed phone, device, payment account, address and login IP values of the juror's account.</summary>
    public IReadOnlySet<string> Identifiers { get; init; } = EmptySet.Strings;

    /// <summary>Shops the juror owns or staffs.</summary>
    public IReadOnlySet<string> Shops { get; init; } = EmptySet.Strings;

    /// <summary>Categories the juror's own shops sell in (not categories the juror merely buys in).</summary>
    public IReadOnlySet<string> Categories { get; init; } = EmptySet.Strings;

    /// <summary>The company or legal entity behind the juror, or null when there is none.</summary>
    public string? Company { get; init; }

    /// <summary>Shop ids and account ids the juror ordered from or sold to recently.</summary>
    public IReadOnlySet<string> Counterparties { get; init; } = EmptySet.Strings;
}

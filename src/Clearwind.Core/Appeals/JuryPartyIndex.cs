using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Clearwind.Appeals;

/// <summary>
/// The case parties in the exact form the conflict rules compare against: ordinal sets without blanks, companies trimmed
/// and case-insensitive. Built once per draw, so caller sets with other comparers cannot change the rules.
/// </summary>
internal sealed class JuryPartyIndex
{
    private static readonly JuryConflict[] InReportOrder = Enum.GetValues<JuryConflict>();
    private readonly HashSet<string> _shops;
    private readonly HashSet<string> _accounts;
    private readonly HashSet<string> _identifiers;
    private readonly HashSet<string> _categories;
    private readonly HashSet<string> _companies;

    public JuryPartyIndex(CaseParties parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        _shops = Exact(parties.Shops);
        _accounts = Exact(parties.Accounts);
        _identifiers = Exact(parties.Identifiers);
        _categories = Exact(parties.Categories);
        _companies = NonBlank(parties.Companies).Select(c => c.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every conflict of the juror, in <see cref="JuryConflict"/> order; empty when eligible.</summary>
    public List<JuryConflict> Conflicts(JurorProfile juror)
    {
        var found = new List<JuryConflict>(1);
        foreach (var conflict in InReportOrder)
        {
            if (Has(juror, conflict))
            {
                found.Add(conflict);
            }
        }

        return found;
    }

    /// <summary>The first conflict of the juror in <see cref="JuryConflict"/> order, or null when eligible.</summary>
    public JuryConflict? FirstConflict(JurorProfile juror)
    {
        foreach (var conflict in InReportOrder)
        {
            if (Has(juror, conflict))
            {
                return conflict;
            }
        }

        return null;
    }

    private bool Has(JurorProfile juror, JuryConflict conflict) => conflict switch
    {
        JuryConflict.IsParty => _accounts.Contains(juror.AccountId) || AnyIn(juror.Shops, _shops),
        JuryConflict.SharedIdentifier => AnyIn(juror.Identifiers, _identifiers),
        // Only a seller competes: a juror who merely buys in the category has no shop and stays eligible.
        JuryConflict.SameCategoryCompetitor => HasNonBlank(juror.Shops) && AnyIn(juror.Categories, _categories),
        JuryConflict.SameCompany => !string.IsNullOrWhiteSpace(juror.Company) && _companies.Contains(juror.Company.Trim()),
        JuryConflict.RecentOrders => AnyIn(juror.Counterparties, _shops) || AnyIn(juror.Counterparties, _accounts),
        _ => throw new ArgumentOutOfRangeException(nameof(conflict), conflict, "unknown jury conflict"),
    };

    private static bool AnyIn(IReadOnlySet<string>? values, HashSet<string> parties)
    {
        if (values is null || parties.Count == 0 || values.Count == 0)
        {
            return false;
        }

        // Party sets are small and a juror's counterparties can be many: when the juror's set matches exactly (ordinal),
        // look the few party values up in it instead. Any other comparer could match loosely, so then walk the juror's.
        if (parties.Count < values.Count && IsOrdinal(values))
        {
            foreach (var party in parties)
            {
                if (values.Contains(party))
                {
                    return true;
                }
            }

            return false;
        }

        // A concrete HashSet walks without boxing an enumerator: the common case, and this runs once per candidate.
        if (values is HashSet<string> hash)
        {
            foreach (var value in hash)
            {
                if (!string.IsNullOrWhiteSpace(value) && parties.Contains(value))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value) && parties.Contains(value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOrdinal(IReadOnlySet<string> values)
    {
        var comparer = values switch
        {
            HashSet<string> hash => hash.Comparer,
            FrozenSet<string> frozen => frozen.Comparer,
            ImmutableHashSet<string> immutable => immutable.KeyComparer,
            _ => null,
        };
        return ReferenceEquals(comparer, StringComparer.Ordinal) || ReferenceEquals(comparer, EqualityComparer<string>.Default);
    }

    private static bool HasNonBlank(IReadOnlySet<string>? values)
    {
        if (values is not null)
        {
            foreach (var value in values)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static HashSet<string> Exact(IReadOnlySet<string>? values) => NonBlank(values).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> NonBlank(IReadOnlySet<string>? values)
        => values is null ? [] : values.Where(v => !string.IsNullOrWhiteSpace(v));
}

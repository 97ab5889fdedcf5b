namespace Clearwind.Appeals;

/// <summary>Why a candidate may not sit on a case's jury. When several apply, the earliest listed here is reported.</summary>
public enum JuryConflict
{
    /// <summary>The juror's account is a party account, or the juror owns or staffs a party shop.</summary>
    IsParty,

    /// <summary>The juror's account shares a keyed identifier (phone, device, payment, address, login IP) with a party.</summary>
    SharedIdentifier,

    /// <summary>The juror runs a shop selling in a category a party shop sells in.</summary>
    SameCategoryCompetitor,

    /// <summary>The juror belongs to the same company or legal entity as a party.</summary>
    SameCompany,

    /// <summary>The juror recently ordered from or sold to a party shop or account.</summary>
    RecentOrders,
}

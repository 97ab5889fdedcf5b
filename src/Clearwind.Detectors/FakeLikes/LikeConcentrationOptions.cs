using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.FakeLikes;

/// <summary>
/// Options of <c>fake_likes.concentration</c> (SPEC §2.2, seed 003: "账号IP异常集中"). A listing's likers in a sliding
/// window are spread over IP addresses, /24 subnets and devices; a like farm's hundreds of accounts come through a
/// handful of emulators and proxies, so the effective number of sources (the exponential of the entropy) is far below
/// the number of accounts. A campus NAT or a family puts a few accounts behind one address among many others, which
/// barely moves the entropy.
/// </summary>
public sealed class LikeConcentrationOptions : ListingCaseOptions
{
    /// <summary>Least distinct likers in the window before it is judged.</summary>
    /// <value>Default 10.</value>
    [Range(2, 1_000_000)]
    public int MinAccounts { get; set; } = 10;

    /// <summary>Least likers per effective source (accounts ÷ exp(entropy)) for the likes to count as concentrated.</summary>
    /// <value>Default 4: honest likers come one to an address and device; a campus NAT inside a crowd adds well under 2.</value>
    [Range(1.0, 1_000_000)]
    public double MinAccountsPerSource { get; set; } = 4;

    /// <summary>Least likers behind one source for that source's likers to be named.</summary>
    /// <value>Default 3: a family shares an address among two or three.</value>
    [Range(2, 1_000_000)]
    public int MinSourceAccounts { get; set; } = 3;

    /// <summary>Most share of the likers behind shared sources who bought from the shop for the window to be reported.</summary>
    /// <value>Default 0.2: a like farm's accounts never buy; students or a family who like a shop's listing often do.</value>
    [Range(0.0, 1.0)]
    public double MaxBuyerShare { get; set; } = 0.2;

    /// <summary>Hours before a like in which the liker's order with the shop makes it a buyer.</summary>
    /// <value>Default 24.</value>
    [Range(0, 24 * 30)]
    public int BuyLookbackHours { get; set; } = 24;
}

using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.OrderBrushing;

/// <summary>
/// Options of <c>order_brushing.self_dealing</c> (自买自卖, SPEC §2.1): a shop's orders placed by its owner, or by
/// accounts that share the owner's phone, device, payment account, delivery address or login IP. A shared identifier
/// counts in full only while few accounts use it: one that many unrelated people use (a campus NAT address, a carrier
/// gateway) is weak evidence and is discounted by how many accounts were seen with it.
/// </summary>
public sealed class SelfDealingOptions : DetectorOptions
{
    /// <summary>Weight of a shared phone number (a phone belongs to one person; a shared one is a strong link).</summary>
    /// <value>Default 0.9.</value>
    [Range(0.0, 1.0)]
    public double PhoneWeight { get; set; } = 0.9;

    /// <summary>Weight of a shared payment account (money flows back to the owner).</summary>
    /// <value>Default 0.9.</value>
    [Range(0.0, 1.0)]
    public double PaymentWeight { get; set; } = 0.9;

    /// <summary>Weight of a shared device (the shop's computer or phone).</summary>
    /// <value>Default 0.8.</value>
    [Range(0.0, 1.0)]
    public double DeviceWeight { get; set; } = 0.8;

    /// <summary>Weight of a shared delivery address (families and offices share one, so it is only half a link).</summary>
    /// <value>Default 0.5.</value>
    [Range(0.0, 1.0)]
    public double AddressWeight { get; set; } = 0.5;

    /// <summary>Weight of a shared IP address in registration, login or order history (homes and offices share one).</summary>
    /// <value>Default 0.5.</value>
    [Range(0.0, 1.0)]
    public double IpWeight { get; set; } = 0.5;

    /// <summary>
    /// Accounts besides the owner an identifier may be seen with and still count in full (an owner and a few staff);
    /// above that its weight shrinks as <c>rare_accounts ÷ (accounts − 1)</c>.
    /// </summary>
    /// <value>Default 3.</value>
    [Range(1, 1000)]
    public int RareAccounts { get; set; } = 3;

    /// <summary>Accounts at or above which an identifier is common (a NAT or carrier gateway) and ignored altogether.</summary>
    /// <value>Default 30.</value>
    [Range(2, 100_000)]
    public int CommonAccounts { get; set; } = 30;

    /// <summary>Link strength (shared identifiers combined as <c>1 − Π(1 − weight)</c>) at or above which a buyer is tied to the owner.</summary>
    /// <value>Default 0.5: one rare shared IP or address is enough when repeated orders back it.</value>
    [Range(0.01, 1.0)]
    public double MinLink { get; set; } = 0.5;

    /// <summary>Orders from one tied buyer to the shop before it is reported (one order can be a relative's purchase).</summary>
    /// <value>Default 2.</value>
    [Range(1, 1000)]
    public int MinOrders { get; set; } = 2;

    /// <summary>Hours of event time a shop's case rests after its latest tied order before it is judged (rarity settles).</summary>
    /// <value>Default 6.</value>
    [Range(0, 24 * 30)]
    public int SettleHours { get; set; } = 6;

    /// <summary>Days of event time after which an identifier, an account's history or a quiet case is forgotten.</summary>
    /// <value>Default 30.</value>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Most identifiers remembered per account (the oldest are kept; the rest are ignored).</summary>
    /// <value>Default 64.</value>
    [Range(1, 10_000)]
    public int MaxIdentifiersPerAccount { get; set; } = 64;

    /// <summary>Most event ids listed in one piece of evidence; the figures still count every order.</summary>
    /// <value>Default 200.</value>
    [Range(1, 100_000)]
    public int MaxEvidenceEvents { get; set; } = 200;

    /// <inheritdoc/>
    protected override IEnumerable<string> ValidateMore()
    {
        if (CommonAccounts <= RareAccounts + 1)
        {
            yield return "common_accounts must be greater than rare_accounts + 1";
        }
    }
}

using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.OrderBrushing;

/// <summary>
/// Options of <c>order_brushing.ring</c> (brushing platforms such as 傻推网, SPEC §2.1): groups of buyer accounts that
/// order from the same set of shops far more than chance, found as dense blocks in the graph of buyers × shops and
/// shared identifiers. Each edge counts <c>1 ÷ ln(accounts on the shop or identifier + 5)</c> (Fraudar's weighting),
/// so a popular shop or a widely shared identifier makes nobody look dense. A block is kept only when its orders beat
/// what the shops' and buyers' own popularity predicts, shop by shop and buyer by buyer.
/// </summary>
public sealed class RingOptions : DetectorOptions
{
    /// <summary>
    /// Least density (weighted edges ÷ members) of a block. A ring member orders from many of the ring's small shops,
    /// so a ring averages several weighted edges per member; an honest buyer orders from a few shops, most of them
    /// popular, and a family or a campus shares a handful of identifiers.
    /// </summary>
    /// <value>Default 1.0: about seven orders each from small shops to other members.</value>
    [Range(0.1, 100.0)]
    public double MinDensity { get; set; } = 1.0;

    /// <summary>
    /// How many times the orders expected from popularity alone a block, each of its shops and each of its buyers
    /// must show: expected edges between a buyer and a shop are <c>buyer's shops × shop's buyers ÷ all edges</c>.
    /// </summary>
    /// <value>Default 5: a big shop's many buyers, or a heavy shopper's many shops, meet at about 1×.</value>
    [Range(1.0, 1000.0)]
    public double MinLift { get; set; } = 5;

    /// <summary>Least shops in a ring (a group buying from one or two shops is a shop's own crowd, not a platform).</summary>
    /// <value>Default 3.</value>
    [Range(2, 1000)]
    public int MinShops { get; set; } = 3;

    /// <summary>
    /// Least households in a ring: accounts sharing a delivery address or a payment account (a family, or one
    /// brusher's accounts) count once.
    /// </summary>
    /// <value>Default 4.</value>
    [Range(2, 10_000)]
    public int MinBuyers { get; set; } = 4;

    /// <summary>Least ring buyers a shop must have bought from it to be named.</summary>
    /// <value>Default 3.</value>
    [Range(1, 1000)]
    public int MinBuyersPerShop { get; set; } = 3;

    /// <summary>
    /// Least ring shops a buyer must have paid to be named. A brusher takes tasks from several of a platform's shops;
    /// a regular customer of small shops can share two of them with a ring by chance.
    /// </summary>
    /// <value>Default 3.</value>
    [Range(1, 1000)]
    public int MinShopsPerBuyer { get; set; } = 3;

    /// <summary>Scale of an identifier edge against an order edge (identifiers support a block, orders make it).</summary>
    /// <value>Default 0.5.</value>
    [Range(0.0, 1.0)]
    public double IdentifierWeight { get; set; } = 0.5;

    /// <summary>Accounts at or above which an identifier is common (a NAT, a carrier gateway, a parcel locker) and ignored.</summary>
    /// <value>Default 30.</value>
    [Range(3, 100_000)]
    public int CommonAccounts { get; set; } = 30;

    /// <summary>Most identifiers remembered per account (the first ones; mobile IPs change often).</summary>
    /// <value>Default 24.</value>
    [Range(1, 10_000)]
    public int MaxIdentifiersPerAccount { get; set; } = 24;

    /// <summary>
    /// Hours of event time between full sweeps for new rings. Between sweeps a known ring grows as orders arrive: a
    /// shop its buyers start ordering from, or a buyer of its shops, joins it at once.
    /// </summary>
    /// <value>Default 12.</value>
    [Range(1, 24 * 30)]
    public int FullSweepHours { get; set; } = 12;

    /// <summary>
    /// A full sweep also waits until the buyer–shop pairs added since the last one reach this share of the pairs it
    /// searched: a sweep costs time in proportion to the whole graph, and a graph that barely changed holds no new
    /// ring (known rings keep growing between sweeps). With 30 days of retention at a steady pace, 0.1 means a sweep
    /// about every three days; 0 sweeps every <c>full_sweep_hours</c> whatever changed.
    /// </summary>
    /// <value>Default 0.1.</value>
    [Range(0.0, 1000.0)]
    public double SweepGrowth { get; set; } = 0.1;

    /// <summary>Most blocks one sweep peels off the graph.</summary>
    /// <value>Default 256.</value>
    [Range(1, 100_000)]
    public int MaxBlocksPerSweep { get; set; } = 256;

    /// <summary>Days of event time an order or identifier counts; older ones are forgotten.</summary>
    /// <value>Default 30.</value>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Most event ids listed in one piece of evidence; the figures still count every order.</summary>
    /// <value>Default 200.</value>
    [Range(1, 100_000)]
    public int MaxEvidenceEvents { get; set; } = 200;

    /// <inheritdoc/>
    protected override IEnumerable<string> ValidateMore()
    {
        if (MinBuyersPerShop > MinBuyers)
        {
            yield return "min_buyers_per_shop must not exceed min_buyers";
        }

        if (MinShopsPerBuyer > MinShops)
        {
            yield return "min_shops_per_buyer must not exceed min_shops";
        }
    }
}

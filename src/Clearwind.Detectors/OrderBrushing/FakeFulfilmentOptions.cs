using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.OrderBrushing;

/// <summary>
/// Options of <c>order_brushing.fake_fulfilment</c> (空包/虚假物流, SPEC §2.1). Each order collects signs: a tracking
/// number another buyer or shop already used and a parcel far lighter than the listing's own parcels are strong
/// (two points each); a delivery within hours of shipping, receipt confirmed within minutes of delivery, a blank
/// 5-star review right after confirming and a chat about cashback (返现) are weak (one point each), because honest
/// buyers and same-city couriers produce each of them now and then. An order with enough points is judged fake; a
/// shop with enough fake orders in an episode is reported. Defaults follow the empty-parcel trade described in the
/// seed articles (tracking numbers sold by empty-parcel sites, "confirm at once, five stars, cashback at once").
/// </summary>
public sealed class FakeFulfilmentOptions : DetectorOptions
{
    /// <summary>Points at or above which one order is judged fake (strong signs count 2, weak signs 1).</summary>
    /// <value>Default 2: one strong sign, or two weak ones.</value>
    [Range(1, 20)]
    public int MinOrderPoints { get; set; } = 2;

    /// <summary>Fake orders a shop needs in one episode before it is reported.</summary>
    /// <value>Default 3 (two could be bad luck; a paid task rarely stops at two).</value>
    [Range(1, 1000)]
    public int MinOrders { get; set; } = 3;

    /// <summary>
    /// When none of a shop's fake orders shows a strong sign, the share of the shop's shipped orders in the episode
    /// that must be fake: weak coincidences in a big honest shop stay a tiny share.
    /// </summary>
    /// <value>Default 0.1.</value>
    [Range(0.0, 1.0)]
    public double MinWeakOnlyShare { get; set; } = 0.1;

    /// <summary>An episode closes after this many days of event time without a new fake order.</summary>
    /// <value>Default 7.</value>
    [Range(1, 90)]
    public int EpisodeGapDays { get; set; } = 7;

    /// <summary>How long an order's signs are collected after it is placed (days); then its state is dropped.</summary>
    /// <value>Default 21 (shipping, delivery, the 10-day automatic confirmation and the review).</value>
    [Range(1, 120)]
    public int OrderHorizonDays { get; set; } = 21;

    /// <summary>How long a tracking number is remembered (days) to notice it being used again.</summary>
    /// <value>Default 30.</value>
    [Range(1, 365)]
    public int TrackingMemoryDays { get; set; } = 30;

    /// <summary>A parcel at most this heavy (grams) can be near-zero...</summary>
    /// <value>Default 100 g (an empty bag with a label weighs tens of grams).</value>
    [Range(1.0, 10_000.0)]
    public double EmptyParcelMaxGrams { get; set; } = 100;

    /// <summary>
    /// ...when it also weighs, per item, at most this fraction of the usual parcel: the heaviest of the listing's recent
    /// parcels once it has <see cref="MinListingParcels"/> of them, else the median parcel of the listing's category.
    /// </summary>
    /// <value>Default 0.25: a phone case shipped properly weighs what the listing's other phone cases weigh.</value>
    [Range(0.01, 1.0)]
    public double EmptyParcelMaxFraction { get; set; } = 0.25;

    /// <summary>Recent parcels of the listing needed before its usual weight is trusted.</summary>
    /// <value>Default 4.</value>
    [Range(1, 64)]
    public int MinListingParcels { get; set; } = 4;

    /// <summary>Recent parcels of a category needed before its median is used for listings without enough of their own.</summary>
    /// <value>Default 30.</value>
    [Range(1, 201)]
    public int MinCategoryParcels { get; set; } = 30;

    /// <summary>Delivered within this many hours of shipping counts as an implausible (weak) delivery time.</summary>
    /// <value>Default 3 (same-city couriers can do it, hence only weak).</value>
    [Range(0.0, 72.0)]
    public double InstantDeliveryHours { get; set; } = 3;

    /// <summary>Receipt confirmed within this many minutes of delivery counts as a quick confirmation (weak).</summary>
    /// <value>Default 15.</value>
    [Range(0.0, 1440.0)]
    public double QuickConfirmMinutes { get; set; } = 15;

    /// <summary>A 5-star review with no text and no image within this many minutes of confirming is blank (weak).</summary>
    /// <value>Default 10.</value>
    [Range(0.0, 1440.0)]
    public double BlankReviewMinutes { get; set; } = 10;

    /// <summary>Words that mark a chat between the shop's owner and the buyer as being about cashback (weak).</summary>
    /// <value>Default 返现, 好评返, 返本金, 本金, 佣金, 返款.</value>
    [MinLength(1)]
    public string[] CashbackWords { get; set; } = ["返现", "好评返", "返本金", "本金", "佣金", "返款"];

    /// <summary>Most event ids listed in one piece of evidence; the figures still count every order.</summary>
    /// <value>Default 200.</value>
    [Range(1, 100_000)]
    public int MaxEvidenceEvents { get; set; } = 200;
}

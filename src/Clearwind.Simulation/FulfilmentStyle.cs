namespace Clearwind.Simulation;

/// <summary>
/// How a shop's fake orders are fulfilled (ground truth, never written to events). The genuine-looking style ships
/// real parcels on ordinary timings; an empty-parcel style (空包) shows some of the signs of fake fulfilment, never
/// necessarily all of them.
/// </summary>
internal sealed record FulfilmentStyle
{
    /// <summary>Real parcels, ordinary timings, a written review: only who bought gives the order away.</summary>
    public static FulfilmentStyle Genuine { get; } = new();

    /// <summary>Parcels that weigh next to nothing (an empty bag with a label): their weight in grams.</summary>
    public int? EmptyParcelGrams { get; init; }

    /// <summary>Tracking numbers bought from an empty-parcel site, which sells the same numbers again and again.</summary>
    public TrackingPool? Tracking { get; init; }

    /// <summary>Parcels "delivered" within hours of shipping, whatever the distance.</summary>
    public bool InstantDelivery { get; init; }

    /// <summary>Receipt confirmed within minutes of delivery.</summary>
    public bool QuickConfirm { get; init; }

    /// <summary>A 5-star review without text, posted right after confirming.</summary>
    public bool BlankReview { get; init; }

    /// <summary>Seller and buyer chat about the cashback (返现, 好评返现).</summary>
    public bool CashbackChat { get; init; }

    /// <summary>Share of the fake orders that get a review.</summary>
    public double ReviewChance { get; init; } = 0.8;

    /// <summary>Whether the orders show any sign of fake fulfilment.</summary>
    public bool ShowsSigns
        => EmptyParcelGrams is not null || Tracking is not null || InstantDelivery || QuickConfirm || BlankReview || CashbackChat;
}

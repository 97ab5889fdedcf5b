namespace Clearwind.Service.Cases;

/// <summary>
/// What a seller adds to an appeal beyond what the platform already knows (the form pre-fills orders, tracking, chats and
/// deliveries): signed-for deliveries of the orders judged fake, a campaign they declared ahead of time, chat ids, and
/// anything else in words.
/// </summary>
public sealed record AppealEvidence
{
    /// <summary>Carrier proofs of delivery for orders judged fake.</summary>
    public IReadOnlyList<DeliveryProof> Deliveries { get; init; } = [];

    /// <summary>The id of a campaign the shop declared ahead of time (<c>campaign.declared</c>) that explains the traffic.</summary>
    public string? Campaign { get; init; }

    /// <summary>Chat message ids the seller points to.</summary>
    public IReadOnlyList<string> Chats { get; init; } = [];

    /// <summary>Anything else, in the seller's words.</summary>
    public string? Note { get; init; }
}

/// <summary>A carrier's signed-for delivery of one order.</summary>
/// <param name="Order">The order.</param>
/// <param name="Carrier">Carrier name.</param>
/// <param name="Tracking">Tracking number.</param>
/// <param name="WeightG">Parcel weight the carrier scanned, in grams.</param>
/// <param name="SignedBy">Who signed for it (a name, as the carrier recorded it).</param>
/// <param name="SignedAt">When it was signed for.</param>
public sealed record DeliveryProof(string Order, string Carrier, string Tracking, double WeightG, string SignedBy, DateTimeOffset SignedAt);

namespace Clearwind.Events;

/// <summary>An order was placed (<c>order.placed</c>).</summary>
public sealed record OrderPlaced : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "order.placed";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Order id.</summary>
    public required string Order { get; init; }

    /// <summary>Buyer account id.</summary>
    public required string Buyer { get; init; }

    /// <summary>Seller shop id.</summary>
    public required string Shop { get; init; }

    /// <summary>Listing bought.</summary>
    public string? Listing { get; init; }

    /// <summary>Number of items.</summary>
    public int? Quantity { get; init; }

    /// <summary>Order amount in yuan.</summary>
    public decimal? Amount { get; init; }

    /// <summary>Buyer IP address.</summary>
    public string? Ip { get; init; }

    /// <summary>Buyer device (keyed with HMAC at ingest).</summary>
    public string? Device { get; init; }

    /// <summary>Delivery address (keyed with HMAC at ingest).</summary>
    public string? Address { get; init; }

    /// <summary>Receiver phone (keyed with HMAC at ingest).</summary>
    public string? Phone { get; init; }
}

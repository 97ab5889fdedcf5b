namespace Clearwind.Events;

/// <summary>An order was paid (<c>order.paid</c>).</summary>
public sealed record OrderPaid : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "order.paid";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Order id.</summary>
    public required string Order { get; init; }

    /// <summary>Payment account (keyed with HMAC at ingest).</summary>
    public string? PaymentAccount { get; init; }
}

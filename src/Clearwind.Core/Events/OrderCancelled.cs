namespace Clearwind.Events;

/// <summary>An order was cancelled (<c>order.cancelled</c>).</summary>
public sealed record OrderCancelled : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "order.cancelled";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Order id.</summary>
    public required string Order { get; init; }

    /// <summary>Why: unpaid_timeout, buyer or seller.</summary>
    public string? Reason { get; init; }
}

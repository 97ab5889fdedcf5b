namespace Clearwind.Events;

/// <summary>The buyer confirmed receipt of an order (<c>order.confirmed</c>).</summary>
public sealed record OrderConfirmed : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "order.confirmed";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Order id.</summary>
    public required string Order { get; init; }
}

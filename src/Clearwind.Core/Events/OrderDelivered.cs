namespace Clearwind.Events;

/// <summary>An order was delivered (<c>order.delivered</c>).</summary>
public sealed record OrderDelivered : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "order.delivered";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Order id.</summary>
    public required string Order { get; init; }
}

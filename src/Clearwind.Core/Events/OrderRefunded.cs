namespace Clearwind.Events;

/// <summary>An order was refunded (<c>order.refunded</c>).</summary>
public sealed record OrderRefunded : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "order.refunded";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Order id.</summary>
    public required string Order { get; init; }
}

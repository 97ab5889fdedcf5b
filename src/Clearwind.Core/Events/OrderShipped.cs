namespace Clearwind.Events;

/// <summary>An order was handed to a carrier (<c>order.shipped</c>).</summary>
public sealed record OrderShipped : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "order.shipped";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Order id.</summary>
    public required string Order { get; init; }

    /// <summary>Carrier name.</summary>
    public string? Carrier { get; init; }

    /// <summary>Tracking number.</summary>
    public string? Tracking { get; init; }

    /// <summary>Parcel weight in grams.</summary>
    public double? WeightG { get; init; }
}

namespace Clearwind.Events;

/// <summary>A shop was opened (<c>shop.opened</c>).</summary>
public sealed record ShopOpened : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "shop.opened";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Shop id.</summary>
    public required string Shop { get; init; }

    /// <summary>Owner account id.</summary>
    public string? Owner { get; init; }

    /// <summary>Company that owns the shop (one company may own several shops).</summary>
    public string? Company { get; init; }

    /// <summary>Shop name.</summary>
    public string? Name { get; init; }

    /// <summary>Tier label as the marketplace knows it; the policy never reads it (SPEC §3).</summary>
    public string? Tier { get; init; }

    /// <summary>Brand names the shop is authorised to sell.</summary>
    public IReadOnlyList<string>? Brands { get; init; }
}

namespace Clearwind.Events;

/// <summary>A paid ad was clicked (<c>ad.clicked</c>).</summary>
public sealed record AdClicked : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "ad.clicked";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Click id.</summary>
    public required string Click { get; init; }

    /// <summary>Clicking account, if logged in.</summary>
    public string? Account { get; init; }

    /// <summary>Advertised listing.</summary>
    public string? Listing { get; init; }

    /// <summary>Advertiser shop (pays for the click).</summary>
    public string? Shop { get; init; }

    /// <summary>Keyword bought.</summary>
    public string? Keyword { get; init; }

    /// <summary>Cost charged to the advertiser, in yuan.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Clicker IP address.</summary>
    public string? Ip { get; init; }

    /// <summary>Clicker device (keyed with HMAC at ingest).</summary>
    public string? Device { get; init; }
}

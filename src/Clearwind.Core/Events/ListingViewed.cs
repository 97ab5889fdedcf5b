namespace Clearwind.Events;

/// <summary>A listing was viewed (<c>listing.viewed</c>).</summary>
public sealed record ListingViewed : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "listing.viewed";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Viewer account id (may be absent for guests).</summary>
    public string? Account { get; init; }

    /// <summary>Listing id.</summary>
    public required string Listing { get; init; }

    /// <summary>Viewer IP address.</summary>
    public string? Ip { get; init; }

    /// <summary>Viewer device (keyed with HMAC at ingest).</summary>
    public string? Device { get; init; }

    /// <summary>Time spent on the listing, in milliseconds.</summary>
    public long? DwellMs { get; init; }

    /// <summary>Traffic source: search, ad, offsite, recommend.</summary>
    public string? Source { get; init; }
}

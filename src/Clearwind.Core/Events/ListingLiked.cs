namespace Clearwind.Events;

/// <summary>An account liked a listing (<c>listing.liked</c>).</summary>
public sealed record ListingLiked : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "listing.liked";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Liker account id.</summary>
    public required string Account { get; init; }

    /// <summary>Listing id.</summary>
    public required string Listing { get; init; }

    /// <summary>Liker IP address.</summary>
    public string? Ip { get; init; }

    /// <summary>Liker device (keyed with HMAC at ingest).</summary>
    public string? Device { get; init; }
}

namespace Clearwind.Events;

/// <summary>A review was posted (<c>review.posted</c>).</summary>
public sealed record ReviewPosted : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "review.posted";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Review id.</summary>
    public required string Review { get; init; }

    /// <summary>Order the review is about, if any.</summary>
    public string? Order { get; init; }

    /// <summary>Reviewer account id.</summary>
    public required string Account { get; init; }

    /// <summary>Reviewed listing.</summary>
    public string? Listing { get; init; }

    /// <summary>Rating from 1 to 5.</summary>
    public int? Rating { get; init; }

    /// <summary>Review text.</summary>
    public string? Text { get; init; }

    /// <summary>Images attached to the review.</summary>
    public IReadOnlyList<ImageRef>? Images { get; init; }
}

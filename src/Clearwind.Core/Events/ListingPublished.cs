namespace Clearwind.Events;

/// <summary>A listing was published (<c>listing.published</c>).</summary>
public sealed record ListingPublished : ListingEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "listing.published";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;
}

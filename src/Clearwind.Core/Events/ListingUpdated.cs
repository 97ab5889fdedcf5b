namespace Clearwind.Events;

/// <summary>A listing was edited (<c>listing.updated</c>).</summary>
public sealed record ListingUpdated : ListingEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "listing.updated";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;
}

namespace Clearwind.Events;

/// <summary>The listing fields that <c>listing.published</c> and <c>listing.updated</c> both carry.</summary>
public abstract record ListingEvent : MarketEvent
{
    /// <summary>Listing id.</summary>
    public required string Listing { get; init; }

    /// <summary>Shop that owns the listing.</summary>
    public string? Shop { get; init; }

    /// <summary>Title (Chinese titles have no spaces).</summary>
    public string? Title { get; init; }

    /// <summary>Category chosen by the seller.</summary>
    public string? Category { get; init; }

    /// <summary>Price in yuan.</summary>
    public decimal? Price { get; init; }

    /// <summary>Brand named by the seller.</summary>
    public string? Brand { get; init; }

    /// <summary>Attributes (name to value; non-string values are read as their JSON text).</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>Main and detail images.</summary>
    public IReadOnlyList<ImageRef>? Images { get; init; }

    /// <summary>Free-text description.</summary>
    public string? Description { get; init; }
}

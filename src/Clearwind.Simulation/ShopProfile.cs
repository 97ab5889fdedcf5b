namespace Clearwind.Simulation;

/// <summary>A simulated shop.</summary>
internal sealed class ShopProfile
{
    public required int Index { get; init; }

    public required string Id { get; init; }

    public required AccountProfile Owner { get; init; }

    public required string Name { get; set; }

    public string? Company { get; init; }

    public required string Tier { get; init; }

    public required IReadOnlyList<string> Brands { get; init; }

    /// <summary>Ticks after the start.</summary>
    public required long OpensAt { get; init; }

    /// <summary>Relative share of honest traffic (Zipf-like).</summary>
    public required double Popularity { get; init; }

    public required int MainCategory { get; init; }

    public int FirstListing { get; set; }

    public int ListingCount { get; set; }

    /// <summary>Set when the shop brushes (ground truth).</summary>
    public bool Brushes { get; set; }

    /// <summary>Set when the shop runs a flash sale.</summary>
    public bool RunsFlashSale { get; set; }

    /// <summary>The scenario that claimed this shop (cheating or look-alike), if any; others leave it alone.</summary>
    public string? Scenario { get; set; }
}

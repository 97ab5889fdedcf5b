namespace Clearwind.Simulation;

/// <summary>A product category: what its titles, attributes, prices and parcels look like.</summary>
/// <param name="Name">Category path as the marketplace shows it.</param>
/// <param name="Products">Product nouns used in titles.</param>
/// <param name="Attributes">Attribute name → possible values.</param>
/// <param name="MedianPrice">Median price in yuan (prices are log-normal around it).</param>
/// <param name="ParcelGrams">Typical parcel weight of one item.</param>
internal sealed record Category(
    string Name,
    IReadOnlyList<string> Products,
    IReadOnlyList<(string Name, string[] Values)> Attributes,
    double MedianPrice,
    int ParcelGrams);

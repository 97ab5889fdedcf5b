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
    int ParcelGrams)
{
    /// <summary>Spread of the logarithm of prices around the median.</summary>
    public double PriceSpread { get; init; } = 0.6;

    /// <summary>
    /// The attribute whose value titles name (material, movement, origin, efficacy), if any: an honest title only ever
    /// names the listing's own value.
    /// </summary>
    public string? KeyAttribute { get; init; }

    /// <summary>Values of <see cref="KeyAttribute"/> a product can have (a product absent here takes any; an empty list: none).</summary>
    public IReadOnlyDictionary<string, string[]> ProductKeyValues { get; init; } = new Dictionary<string, string[]>();

    /// <summary>Feature words of the category's titles (never an attribute value).</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>A second product word that honest titles sometimes add (连衣裙 → 长裙).</summary>
    public IReadOnlyDictionary<string, string> Companions { get; init; } = new Dictionary<string, string>();

    /// <summary>Products sold as accessories of phones, whose titles may name the model they fit (适用 X20).</summary>
    public IReadOnlyList<string> CompatibleProducts { get; init; } = [];

    /// <summary>Price of a product relative to the category median (absent: 1).</summary>
    public IReadOnlyDictionary<string, double> PriceFactors { get; init; } = new Dictionary<string, double>();

    /// <summary>Brands of the category (each belongs to one category).</summary>
    public IReadOnlyList<string> Brands { get; init; } = [];

    /// <summary>How companies of the category end their names.</summary>
    public IReadOnlyList<string> CompanyKinds { get; init; } = ["电子商务有限公司", "贸易有限公司"];

    /// <summary>Median price of one product of the category.</summary>
    public double MedianPriceOf(string product) => MedianPrice * PriceFactors.GetValueOrDefault(product, 1.0);

    /// <summary>Honest prices stay within three spreads of their product's median: the lowest one of the category.</summary>
    public double LowestHonestPrice => Products.Min(MedianPriceOf) * Math.Exp(-3 * PriceSpread);

    /// <summary>The highest honest price of the category (three spreads above its dearest product's median).</summary>
    public double HighestHonestPrice => Products.Max(MedianPriceOf) * Math.Exp(3 * PriceSpread);

    /// <summary>Whether the category has an attribute of that name.</summary>
    public bool Has(string attribute)
    {
        foreach (var (name, _) in Attributes)
        {
            if (name == attribute)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The possible values of an attribute (empty when the category has none).</summary>
    public string[] ValuesOf(string attribute)
    {
        foreach (var (name, values) in Attributes)
        {
            if (name == attribute)
            {
                return values;
            }
        }

        return [];
    }

    /// <summary>The key-attribute values a product can have.</summary>
    public string[] KeyValuesOf(string product)
        => KeyAttribute is null ? [] : ProductKeyValues.TryGetValue(product, out var values) ? values : ValuesOf(KeyAttribute);
}

namespace Clearwind.Simulation;

/// <summary>How an order came about; it shapes the order's life (never written to events).</summary>
internal enum OrderKind
{
    Honest,
    FlashSale,

    /// <summary>A fake order bought by the shop (刷单): paid fast, empty parcel, 5-star review; labelled a fake order.</summary>
    Brushed,

    /// <summary>An order placed to hurt the shop (恶意拍下): never paid; labelled a malicious order.</summary>
    Malicious,
}

namespace Clearwind.Simulation;

/// <summary>How an order came about; it shapes the order's life (never written to events).</summary>
internal enum OrderKind
{
    Honest,
    FlashSale,
    Brushed,
}

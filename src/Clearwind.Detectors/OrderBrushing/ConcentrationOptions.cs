using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.OrderBrushing;

/// <summary>
/// Options of <c>order_brushing.concentration</c>. Defaults are the published rule of the Shopee Code League 2020
/// "Order Brushing" competition: a shop brushes when, in some window <c>[t, t + 1 h]</c> that starts at one of its
/// orders, orders ÷ distinct buyers ≥ 3.
/// </summary>
public sealed class ConcentrationOptions : DetectorOptions
{
    /// <summary>Window length in seconds, both ends included.</summary>
    /// <value>Default 3600 (one hour, Shopee Code League 2020).</value>
    [Range(1, 7 * 24 * 3600)]
    public int WindowSeconds { get; set; } = 3600;

    /// <summary>Concentration rate (orders ÷ distinct buyers in a window) at or above which the window is brushing.</summary>
    /// <value>Default 3 (Shopee Code League 2020).</value>
    [Range(1.0, 1000.0)]
    public double MinRate { get; set; } = 3;

    /// <summary>Most event ids listed in one piece of evidence; the figures still count every order.</summary>
    /// <value>Default 200.</value>
    [Range(1, 100_000)]
    public int MaxEvidenceEvents { get; set; } = 200;
}

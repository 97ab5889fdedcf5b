namespace Clearwind.OrderBrushing;

/// <summary>One row of the competition's answer: the shop and its suspicious buyers (<c>0</c> when clean).</summary>
/// <param name="ShopId">Shop id.</param>
/// <param name="UserIds">Suspicious buyers ascending, joined by <c>&amp;</c>; <c>0</c> for a clean shop.</param>
public sealed record ShopeeAnswer(string ShopId, string UserIds);

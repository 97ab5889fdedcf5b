namespace Clearwind.OrderBrushing;

/// <summary>One row of the Shopee Code League 2020 order file: <c>orderid,shopid,userid,event_time</c>.</summary>
/// <param name="OrderId">Order id.</param>
/// <param name="ShopId">Shop id.</param>
/// <param name="UserId">Buyer id.</param>
/// <param name="Time">Order time (the competition's times have no zone; any fixed zone gives the same answer).</param>
public sealed record ShopeeOrder(string OrderId, string ShopId, string UserId, DateTime Time);

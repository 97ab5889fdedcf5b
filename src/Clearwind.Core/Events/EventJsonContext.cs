using System.Text.Json.Serialization;

namespace Clearwind.Events;

/// <summary>Source-generated JSON metadata for every event type (snake_case, numbers may arrive as strings).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EventTimeConverter), typeof(StringMapConverter), typeof(ImageRefConverter), typeof(FiniteDoubleConverter)])]
[JsonSerializable(typeof(MarketEvent))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
[JsonSerializable(typeof(AccountRegistered))]
[JsonSerializable(typeof(AccountLogin))]
[JsonSerializable(typeof(ShopOpened))]
[JsonSerializable(typeof(ListingPublished))]
[JsonSerializable(typeof(ListingUpdated))]
[JsonSerializable(typeof(ListingViewed))]
[JsonSerializable(typeof(ListingLiked))]
[JsonSerializable(typeof(AdClicked))]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(OrderPaid))]
[JsonSerializable(typeof(OrderCancelled))]
[JsonSerializable(typeof(OrderShipped))]
[JsonSerializable(typeof(OrderDelivered))]
[JsonSerializable(typeof(OrderConfirmed))]
[JsonSerializable(typeof(OrderRefunded))]
[JsonSerializable(typeof(ReviewPosted))]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(ReportFiled))]
[JsonSerializable(typeof(CampaignDeclared))]
public sealed partial class EventJsonContext : JsonSerializerContext;

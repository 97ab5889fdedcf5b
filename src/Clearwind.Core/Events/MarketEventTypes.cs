using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;

namespace Clearwind.Events;

/// <summary>The SPEC §7 event types: type name → record type and its JSON metadata.</summary>
public static class MarketEventTypes
{
    private static readonly FrozenDictionary<string, JsonTypeInfo> ByName = new Dictionary<string, JsonTypeInfo>
    {
        [AccountRegistered.TypeName] = EventJsonContext.Default.AccountRegistered,
        [AccountLogin.TypeName] = EventJsonContext.Default.AccountLogin,
        [ShopOpened.TypeName] = EventJsonContext.Default.ShopOpened,
        [ListingPublished.TypeName] = EventJsonContext.Default.ListingPublished,
        [ListingUpdated.TypeName] = EventJsonContext.Default.ListingUpdated,
        [ListingViewed.TypeName] = EventJsonContext.Default.ListingViewed,
        [ListingLiked.TypeName] = EventJsonContext.Default.ListingLiked,
        [AdClicked.TypeName] = EventJsonContext.Default.AdClicked,
        [OrderPlaced.TypeName] = EventJsonContext.Default.OrderPlaced,
        [OrderPaid.TypeName] = EventJsonContext.Default.OrderPaid,
        [OrderCancelled.TypeName] = EventJsonContext.Default.OrderCancelled,
        [OrderShipped.TypeName] = EventJsonContext.Default.OrderShipped,
        [OrderDelivered.TypeName] = EventJsonContext.Default.OrderDelivered,
        [OrderConfirmed.TypeName] = EventJsonContext.Default.OrderConfirmed,
        [OrderRefunded.TypeName] = EventJsonContext.Default.OrderRefunded,
        [ReviewPosted.TypeName] = EventJsonContext.Default.ReviewPosted,
        [ChatMessage.TypeName] = EventJsonContext.Default.ChatMessage,
        [ReportFiled.TypeName] = EventJsonContext.Default.ReportFiled,
        [CampaignDeclared.TypeName] = EventJsonContext.Default.CampaignDeclared,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, JsonTypeInfo>.AlternateLookup<ReadOnlySpan<char>> ByNameSpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Every known type name.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>JSON metadata for a type name, or null when the type is unknown.</summary>
    public static JsonTypeInfo? Find(string typeName) => ByName.GetValueOrDefault(typeName);

    /// <summary>JSON metadata for a type name given as characters, or null when the type is unknown.</summary>
    public static JsonTypeInfo? Find(ReadOnlySpan<char> typeName)
        => ByNameSpan.TryGetValue(typeName, out var info) ? info : null;

    /// <summary>JSON metadata of an event's own type.</summary>
    public static JsonTypeInfo For(MarketEvent e) => ByName[e.Type];
}

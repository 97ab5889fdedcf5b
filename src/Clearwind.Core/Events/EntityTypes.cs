namespace Clearwind.Events;

/// <summary>The entity types of SPEC §8.</summary>
public static class EntityTypes
{
    /// <summary>A shop.</summary>
    public const string Shop = "shop";

    /// <summary>A buyer, seller or other account.</summary>
    public const string Account = "account";

    /// <summary>A listing.</summary>
    public const string Listing = "listing";

    /// <summary>An order.</summary>
    public const string Order = "order";

    /// <summary>A review.</summary>
    public const string Review = "review";

    /// <summary>An ad click.</summary>
    public const string Click = "click";

    /// <summary>A seller report.</summary>
    public const string Report = "report";

    /// <summary>A group of colluding entities.</summary>
    public const string Group = "group";

    /// <summary>True for the item types (order, click, review, report): things a finding judges, not parties that act.</summary>
    public static bool IsItem(string type) => type is Order or Click or Review or Report;

    /// <summary>The Simplified Chinese word for <paramref name="type"/> (店铺, 账号, 商品 …); an unknown type as it is.</summary>
    public static string Chinese(string type) => type switch
    {
        Shop => "店铺",
        Account => "账号",
        Listing => "商品",
        Order => "订单",
        Review => "评价",
        Click => "点击",
        Report => "举报",
        Group => "分组",
        _ => type,
    };

    /// <summary>True for one of the SPEC §8 entity types.</summary>
    public static bool IsKnown(string type) => type is Shop or Account or Listing or Order or Review or Click or Report or Group;
}

using System.Globalization;
using Clearwind.Events;

namespace Clearwind.Detection;

/// <summary>
/// The campaigns sellers declared ahead of time (<c>campaign.declared</c>: a livestream, an influencer post, off-site
/// ads), by shop and listing, in event time. A declaration covers only what follows it: traffic before the declaration
/// is not excused by declaring afterwards, and a declaration covers at most <see cref="MaxDays"/> days, so one
/// declaration cannot cover a shop for good.
/// </summary>
public sealed class DeclaredCampaigns
{
    /// <summary>The evidence figure naming a finding's traffic as covered by a declared campaign (its value is 1).</summary>
    public const string EvidenceFigure = "declared_campaign";

    /// <summary>Days a declaration without an end covers.</summary>
    public const int DefaultDays = 3;

    /// <summary>Most days one declaration covers, whatever its end says.</summary>
    public const int MaxDays = 31;

    private readonly Dictionary<string, List<DeclaredCampaign>> _byShop = new(StringComparer.Ordinal);

    /// <summary>Notes a declaration and returns what it covers.</summary>
    public DeclaredCampaign Observe(CampaignDeclared declared)
    {
        var campaign = DeclaredCampaign.Of(declared);
        if (!_byShop.TryGetValue(campaign.Shop, out var list))
        {
            _byShop[campaign.Shop] = list = [];
        }

        list.Add(campaign);
        return campaign;
    }

    /// <summary>The declared campaign covering <paramref name="listing"/> of <paramref name="shop"/> at <paramref name="at"/>, or null.</summary>
    public DeclaredCampaign? Covering(string? shop, string? listing, DateTimeOffset at)
    {
        if (shop is null || !_byShop.TryGetValue(shop, out var list))
        {
            return null;
        }

        foreach (var campaign in list)
        {
            if (at >= campaign.From && at <= campaign.To && campaign.Covers(listing))
            {
                return campaign;
            }
        }

        return null;
    }

    /// <summary>Forgets campaigns that ended before <paramref name="before"/>.</summary>
    public void Forget(DateTimeOffset before)
    {
        List<string>? empty = null;
        foreach (var (shop, list) in _byShop)
        {
            list.RemoveAll(c => c.To < before);
            if (list.Count == 0)
            {
                (empty ??= []).Add(shop);
            }
        }

        foreach (var shop in empty ?? [])
        {
            _byShop.Remove(shop);
        }
    }
}

/// <summary>What one declaration covers.</summary>
/// <param name="Id">Campaign id.</param>
/// <param name="Shop">Declaring shop.</param>
/// <param name="Listings">Listings promoted; empty for every listing of the shop.</param>
/// <param name="From">Start of the cover: the campaign's start, never before the declaration.</param>
/// <param name="To">End of the cover.</param>
/// <param name="Channel">Channel: livestream, influencer, offsite.</param>
/// <param name="DeclaredAt">When the seller declared it.</param>
/// <param name="EventId">The declaration's event id.</param>
public sealed record DeclaredCampaign(string Id, string Shop, IReadOnlyList<string> Listings, DateTimeOffset From, DateTimeOffset To, string? Channel, DateTimeOffset DeclaredAt, string EventId)
{
    /// <summary>What <paramref name="declared"/> covers: from its start (never before the declaration) to its end, at most <see cref="DeclaredCampaigns.MaxDays"/> days.</summary>
    public static DeclaredCampaign Of(CampaignDeclared declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var from = declared.From is { } f && f > declared.Ts ? f : declared.Ts;
        var to = declared.To ?? from.AddDays(DeclaredCampaigns.DefaultDays);
        if (to > from.AddDays(DeclaredCampaigns.MaxDays))
        {
            to = from.AddDays(DeclaredCampaigns.MaxDays);
        }

        return new DeclaredCampaign(declared.Campaign, declared.Shop, declared.Listings ?? [], from, to < from ? from : to, declared.Channel, declared.Ts, declared.Id);
    }

    /// <summary>True when the campaign promotes <paramref name="listing"/> (every listing of the shop when it names none).</summary>
    public bool Covers(string? listing) => Listings.Count == 0 || (listing is not null && Listings.Contains(listing, StringComparer.Ordinal));

    /// <summary>The evidence a finding covered by the campaign carries.</summary>
    public Evidence ToEvidence()
    {
        var promoted = Listings.Count == 0 ? "every listing of the shop" : "listing(s) " + string.Join(", ", Listings);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Shop {Shop} declared campaign {Id}{(Channel is null ? "" : " (" + Channel + ")")} at {Time(DeclaredAt)}, promoting {promoted} from {Time(From)} to {Time(To)}: traffic it brings was announced ahead of time.");
        var promotedZh = Listings.Count == 0 ? "店铺全部商品" : "商品 " + string.Join("、", Listings);
        var textZh = string.Create(CultureInfo.InvariantCulture,
            $"店铺 {Shop} 于 {Time(DeclaredAt)} 报备了推广活动 {Id}{(Channel is null ? "" : "（" + Channel + "）")}，在 {Time(From)} 至 {Time(To)} 期间推广{promotedZh}：活动带来的流量已事先报备。");
        return new Evidence(text, textZh, [EventId], new Dictionary<string, double>
        {
            [DeclaredCampaigns.EvidenceFigure] = 1,
            ["campaign_hours"] = Math.Round((To - From).TotalHours, 2),
        });
    }

    private static string Time(DateTimeOffset t) => Policy.DecisionExplainer.Time(t);
}

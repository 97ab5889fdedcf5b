using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.TestKit;

namespace Clearwind.Detectors.Tests.FakeLikes;

/// <summary>
/// A small marketplace for the fake-like tests: listings in one category with an honest everyday background (aged
/// shoppers with their own pictures who look, sometimes like and often buy), onto which a test plants a farm or an
/// honest look-alike. Times are offsets from <see cref="T0"/>; jitter comes from a fixed seed so every run is the same.
/// </summary>
internal sealed class LikeMarket
{
    public const string Category = "家居日用";
    public const string DefaultAvatar = "ffd8e0c0c0e0f8ff";

    public static readonly DateTimeOffset T0 = Some.Epoch;

    private readonly List<MarketEvent> _events = [];
    private readonly Random _random = new(20261111);
    private int _next;
    private int _orders;

    public IReadOnlyList<MarketEvent> Events => _events;

    public Random Random => _random;

    public string NextId() => $"e{++_next:D6}";

    public void Publish(string listing, string shop, TimeSpan at, string category = Category)
        => _events.Add(new ListingPublished { Id = NextId(), Ts = T0 + at, Listing = listing, Shop = shop, Category = category, Title = listing });

    public void Register(string account, TimeSpan at, string? avatar = null, string? ip = null, string? device = null)
        => _events.Add(new AccountRegistered { Id = NextId(), Ts = T0 + at, Account = account, Avatar = avatar ?? "own-" + account, Ip = ip, Device = device ?? "h1:dev-" + account });

    public void View(string account, string listing, TimeSpan at, long dwellMs, string? ip = null, string? device = null)
        => _events.Add(new ListingViewed { Id = NextId(), Ts = T0 + at, Account = account, Listing = listing, DwellMs = dwellMs, Ip = ip, Device = device ?? "h1:dev-" + account, Source = "search" });

    public string Like(string account, string listing, TimeSpan at, string? ip = null, string? device = null)
    {
        var id = NextId();
        _events.Add(new ListingLiked { Id = id, Ts = T0 + at, Account = account, Listing = listing, Ip = ip ?? IpOf(account), Device = device ?? "h1:dev-" + account });
        return id;
    }

    public void Order(string account, string shop, string listing, TimeSpan at)
        => _events.Add(Some.OrderPlaced(id: NextId(), order: $"o{++_orders}", buyer: account, shop: shop, listing: listing, ts: T0 + at));

    /// <summary>The shop declares a campaign for <paramref name="listing"/> at <paramref name="declaredAt"/>, running from–to.</summary>
    public void Declare(string campaign, string shop, string listing, TimeSpan declaredAt, TimeSpan from, TimeSpan to, string channel = "offsite")
        => _events.Add(new CampaignDeclared { Id = NextId(), Ts = T0 + declaredAt, Campaign = campaign, Shop = shop, Listings = [listing], From = T0 + from, To = T0 + to, Channel = channel });

    /// <summary>A distinct home address per account (an honest shopper's own line).</summary>
    public static string IpOf(string account) => $"10.{(account.GetHashCode(StringComparison.Ordinal) & 0x7f) + 1}.{account.Length}.{(account.GetHashCode(StringComparison.Ordinal) >> 8) & 0xff}";

    /// <summary>
    /// The category's everyday trade over <paramref name="days"/> days: <paramref name="shoppers"/> aged shoppers each
    /// visit a few of the background listings every day, dwell 10–60 s, like one view in ten and buy one in eight.
    /// </summary>
    public void Background(int days = 5, int shoppers = 60, int listings = 10)
    {
        for (var l = 0; l < listings; l++)
        {
            Publish($"bg{l}", $"bgshop{l}", TimeSpan.Zero);
        }

        for (var s = 0; s < shoppers; s++)
        {
            Register($"shopper{s}", TimeSpan.FromDays(-90));
        }

        for (var day = 0; day < days; day++)
        {
            for (var s = 0; s < shoppers; s++)
            {
                for (var v = 0; v < 3; v++)
                {
                    var listing = $"bg{_random.Next(listings)}";
                    var at = TimeSpan.FromDays(day) + TimeSpan.FromHours(9 + (_random.NextDouble() * 13));
                    View($"shopper{s}", listing, at, _random.Next(10_000, 60_000));
                    if (_random.NextDouble() < 0.1)
                    {
                        Like($"shopper{s}", listing, at + TimeSpan.FromSeconds(5));
                    }

                    if (_random.NextDouble() < 0.125)
                    {
                        Order($"shopper{s}", $"bgshop{listing[2..]}", listing, at + TimeSpan.FromSeconds(40));
                    }
                }
            }
        }
    }

    /// <summary>
    /// Honest everyday traffic on one listing: about <paramref name="likesPerDay"/> likes a day at random moments from
    /// aged shoppers who look first, over <paramref name="days"/> days.
    /// </summary>
    public void Everyday(string listing, string shop, double likesPerDay, int days, string prefix)
    {
        var count = (int)Math.Round(likesPerDay * days);
        for (var i = 0; i < count; i++)
        {
            var account = $"{prefix}{i}";
            Register(account, TimeSpan.FromDays(-60));
            var at = TimeSpan.FromDays(_random.NextDouble() * days);
            View(account, listing, at, _random.Next(10_000, 60_000));
            Like(account, listing, at + TimeSpan.FromSeconds(5));
            if (i % 2 == 0)
            {
                Order(account, shop, listing, at + TimeSpan.FromMinutes(1));
            }
        }
    }

    /// <summary>
    /// A like farm's script: <paramref name="size"/> throwaway accounts registered a day before (the platform's default
    /// picture, no orders) behind <paramref name="ips"/> addresses of one subnet and <paramref name="devices"/> emulators,
    /// liking <paramref name="listing"/> one every <paramref name="pace"/> (±5%) from <paramref name="start"/>; half of
    /// them glance at it for 1–3 s first. Returns the accounts.
    /// </summary>
    public List<string> ScriptFarm(string listing, TimeSpan start, int size = 120, int ips = 3, int devices = 4, TimeSpan? pace = null, string prefix = "z")
    {
        var step = pace ?? TimeSpan.FromSeconds(20);
        var accounts = new List<string>();
        var t = start;
        for (var i = 0; i < size; i++)
        {
            var account = $"{prefix}{i}";
            var ip = $"47.98.12.{10 + (i % ips)}";
            var device = $"h1:emu{i % devices}";
            accounts.Add(account);
            Register(account, start - TimeSpan.FromDays(1) + TimeSpan.FromSeconds(30 * i), DefaultAvatar, ip, device);
            if (i % 2 == 0)
            {
                View(account, listing, t - TimeSpan.FromSeconds(3), _random.Next(1_000, 3_000), ip, device);
            }

            Like(account, listing, t, ip, device);
            t += step * (0.95 + (0.1 * _random.NextDouble()));
        }

        return accounts;
    }

    /// <summary>
    /// A part-time like group (兼职群): <paramref name="members"/> aged shoppers with their own pictures, homes and phones
    /// who look at <paramref name="listing"/> for 6–20 s and like it within minutes of a task being posted, and buy nothing.
    /// </summary>
    public List<string> CrowdJob(IReadOnlyList<string> members, string listing, TimeSpan posted)
    {
        foreach (var account in members)
        {
            var at = posted + TimeSpan.FromMinutes(Math.Min(90, -8 * Math.Log(1 - (_random.NextDouble() * 0.99))));
            View(account, listing, at - TimeSpan.FromSeconds(15), _random.Next(6_000, 20_000));
            Like(account, listing, at);
        }

        return [.. members];
    }

    /// <summary>
    /// A livestream or an influencer's post: <paramref name="viewers"/> aged shoppers arrive within
    /// <paramref name="duration"/>, look for 15–90 s, a third like the listing and more than a third buy.
    /// </summary>
    public List<string> Surge(string listing, string shop, TimeSpan start, TimeSpan duration, int viewers, string prefix,
        string? sharedIp = null, double sharedShare = 0, double likeChance = 0.35, double orderChance = 0.4)
    {
        var likers = new List<string>();
        for (var i = 0; i < viewers; i++)
        {
            var account = $"{prefix}{i}";
            var ip = sharedIp is not null && i < viewers * sharedShare ? sharedIp : IpOf(account);
            Register(account, TimeSpan.FromDays(-120), ip: ip);
            var at = start + (duration * _random.NextDouble());
            View(account, listing, at, _random.Next(15_000, 90_000), ip);
            if (_random.NextDouble() < likeChance)
            {
                Like(account, listing, at + TimeSpan.FromSeconds(10), ip);
                likers.Add(account);
            }

            if (_random.NextDouble() < orderChance)
            {
                Order(account, shop, listing, at + TimeSpan.FromSeconds(60));
            }
        }

        return likers;
    }

    public IReadOnlyList<Finding> Run(Action<DetectionPipelineBuilder> add)
    {
        var builder = new DetectionPipelineBuilder();
        add(builder);
        var pipeline = builder.Build();
        foreach (var e in _events.OrderBy(e => e.Ts).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            pipeline.Process(e);
        }

        pipeline.Complete();
        return pipeline.Findings;
    }

    public static HashSet<string> Named(Finding finding)
        => [.. finding.Related.Where(r => r.Type == EntityTypes.Account && r.Role == EntityRole.Actor).Select(r => r.Id)];
}

using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Windows;

namespace Clearwind.FakeLikes;

/// <summary>
/// <c>fake_likes.zombies</c>: a listing's likes in a sliding window come mostly from throwaway accounts (registered
/// within <see cref="LikeZombiesOptions.NewAccountDays"/>, no picture of their own, no order anywhere) at a script's steady
/// pace (gaps between their likes with a spread of at most <see cref="LikeZombiesOptions.MaxGapSpread"/>). New shoppers
/// who arrive with a livestream or a campaign act at their own moments and buy, so neither sign holds for them. The
/// listing is the beneficiary; the throwaway likers are the actors (an account that buys later is dropped).
/// </summary>
internal sealed class LikeZombiesDetector : ListingCaseDetector<LikeZombiesDetector.ListingState>
{
    public static readonly PatternId Id = new("fake_likes.zombies");

    private readonly LikeZombiesOptions _options;
    private readonly long _newTicks;
    private readonly List<(string Account, long Ticks, string EventId)> _throwaway = [];
    private long[] _ticks = [];
    private double[] _gaps = [];

    public LikeZombiesDetector(LikeZombiesOptions options, SharedState? shared = null)
        : base(options, options.DefaultAvatarAccounts, shared)
    {
        _options = options;
        _newTicks = TimeSpan.FromDays(options.NewAccountDays).Ticks;
    }

    public override PatternId Pattern => Id;

    protected override void AddLike(ListingState state, ListingLiked like, long now) => state.Likes.PushBack((like.Account, now, like.Id));

    protected override ListingState NewState(string listing, long now) => new(listing);

    protected override void Judge(ListingState state, long now)
    {
        var likes = state.Likes;
        while (likes.Count > 0 && likes.Front.Ticks <= now - WindowTicks)
        {
            likes.PopFront();
        }

        if (likes.Count < _options.MinThrowawayLikes)
        {
            return;
        }

        var throwaway = _throwaway; // reused: read below, never kept
        throwaway.Clear();
        // A window is judged every minute it takes likes: stop reading it once the likes left cannot make the share.
        // (The share is computed as below, so that the early answer is the one the full count would give.)
        for (var i = 0; i < likes.Count; i++)
        {
            var most = throwaway.Count + (likes.Count - i);
            if (most < _options.MinThrowawayLikes || most / (double)likes.Count < _options.MinThrowawayShare)
            {
                return;
            }

            if (Ledger.LooksThrowaway(likes[i].Account, likes[i].Ticks, _newTicks))
            {
                throwaway.Add(likes[i]);
            }
        }

        var share = throwaway.Count / (double)likes.Count;
        if (throwaway.Count < _options.MinThrowawayLikes || share < _options.MinThrowawayShare)
        {
            return;
        }

        if (_ticks.Length < throwaway.Count)
        {
            _ticks = new long[throwaway.Count * 2];
            _gaps = new double[throwaway.Count * 2];
        }

        for (var i = 0; i < throwaway.Count; i++)
        {
            _ticks[i] = throwaway[i].Ticks;
        }

        var spread = LikeStatistics.GapSpread(_ticks.AsSpan(0, throwaway.Count), _gaps);
        if (spread is not { } gapSpread || gapSpread > _options.MaxGapSpread)
        {
            return;
        }

        var likeCase = CaseMet(state, throwaway[0].Ticks, now);
        foreach (var (account, ticks, eventId) in throwaway)
        {
            likeCase.Add(account, ticks, eventId);
        }

        var strength = throwaway.Count * (1 - gapSpread);
        if (strength <= likeCase.BestStrength)
        {
            return; // an earlier window of the case was stronger: its evidence stays
        }

        var medianGap = MedianGapSeconds(throwaway);
        likeCase.Offer(
            strength,
            string.Create(CultureInfo.InvariantCulture,
                $"In the {_options.WindowHours} hours to {EvidenceText.Time(new DateTimeOffset(now, TimeSpan.Zero))} {throwaway.Count} of listing {state.Listing}'s {likes.Count} likes ({share:P0}) came from accounts registered within {_options.NewAccountDays} days, without a picture of their own and without any order, one every {medianGap:0.#} s at a steady pace (gap spread {gapSpread:0.###})."),
            string.Create(CultureInfo.InvariantCulture,
                $"截至 {EvidenceText.Time(new DateTimeOffset(now, TimeSpan.Zero))} 的 {_options.WindowHours} 小时内，商品 {state.Listing} 的 {likes.Count} 个点赞中有 {throwaway.Count} 个（{share:P0}）来自注册不满 {_options.NewAccountDays} 天、没有自己头像且从未下单的账号，节奏均匀，约每 {medianGap:0.#} 秒一个（间隔离散度 {gapSpread:0.###}）。"),
            new Dictionary<string, double>
            {
                ["likes"] = likes.Count,
                ["throwaway_likes"] = throwaway.Count,
                ["throwaway_share"] = Math.Round(share, 4),
                ["median_gap_seconds"] = Math.Round(medianGap, 2),
                ["gap_spread"] = Math.Round(gapSpread, 4),
                ["max_gap_spread"] = _options.MaxGapSpread,
                ["new_account_days"] = _options.NewAccountDays,
            },
            [.. throwaway.Select(t => t.EventId).Take(_options.MaxEvidenceEvents)]);
    }

    private static double MedianGapSeconds(List<(string Account, long Ticks, string EventId)> likes)
    {
        var gaps = new double[likes.Count - 1];
        for (var i = 1; i < likes.Count; i++)
        {
            gaps[i - 1] = (likes[i].Ticks - likes[i - 1].Ticks) / (double)TimeSpan.TicksPerSecond;
        }

        return LikeStatistics.Median(gaps);
    }

    protected override Finding? ToFinding(LikeCase likeCase)
    {
        // An account that has bought since its like is a shopper after all.
        var actors = likeCase.Accounts
            .Where(a => Ledger.LooksThrowaway(a.Key, a.Value, _newTicks))
            .Select(a => a.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (actors.Count < _options.MinThrowawayLikes)
        {
            return null;
        }

        var from = new DateTimeOffset(likeCase.FirstTicks, TimeSpan.Zero);
        var to = new DateTimeOffset(likeCase.LastTicks, TimeSpan.Zero);
        var entity = new EntityRef(EntityTypes.Listing, likeCase.Listing);
        var spread = likeCase.BestFigures.GetValueOrDefault("gap_spread");
        var share = likeCase.BestFigures.GetValueOrDefault("throwaway_share");

        // Steadier pace and a larger throwaway share score higher: 0.55 at the thresholds, up to 0.95.
        var score = Math.Clamp(0.55 + (0.4 * (1 - (spread / Math.Max(_options.MaxGapSpread, 1e-9))) * share), 0.5, 0.95);
        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, from),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Beneficiary,
            Score = Math.Round(score, 4),
            Severity = actors.Count >= 50 ? Severity.High : Severity.Medium,
            From = from,
            To = to,
            Related = [.. actors.Select(a => new RelatedEntity(EntityTypes.Account, a, EntityRole.Actor))],
            Evidence =
            [
                new(likeCase.BestText, likeCase.BestTextZh, likeCase.BestEvents, likeCase.BestFigures),
                new(
                    string.Create(CultureInfo.InvariantCulture,
                        $"Between {EvidenceText.Time(from)} and {EvidenceText.Time(to)} {actors.Count} throwaway accounts liked listing {likeCase.Listing}."),
                    string.Create(CultureInfo.InvariantCulture,
                        $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间，{actors.Count} 个小号（僵尸粉）为商品 {likeCase.Listing} 点赞。"),
                    [.. likeCase.EventIds.Take(_options.MaxEvidenceEvents)],
                    new Dictionary<string, double> { ["likes"] = likeCase.EventIds.Count, ["accounts"] = actors.Count }),
            ],
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"in {_options.WindowHours} h, ≥ {_options.MinThrowawayLikes} likes and ≥ {_options.MinThrowawayShare:P0} of them from accounts registered within {_options.NewAccountDays} days with no own picture (a picture on {_options.DefaultAvatarAccounts}+ accounts is a default) and no order, their gaps spread ≤ {_options.MaxGapSpread:0.##} (MAD ÷ median)"),
        };
    }

    internal sealed class ListingState(string listing) : ListingCaseState(listing)
    {
        public RingBuffer<(string Account, long Ticks, string EventId)> Likes { get; } = new();
    }
}

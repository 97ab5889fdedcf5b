using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.FakeReviews;

/// <summary>
/// <c>fake_reviews.duplicate_text</c>: near-identical review texts on one listing from several different accounts. Each
/// review long enough to carry a signature is looked up among the stored ones (MinHash + LSH, <see cref="NearDuplicateIndex"/>)
/// and joins the text group of every near duplicate it finds (groups merge). A group is reported per listing once enough
/// distinct accounts posted its text there and the listing holds most of the group's reviews market-wide (a phrase
/// buyers of many listings write is common language, not a copy). Praise makes the listing the beneficiary, complaints
/// its victim; the writers are actors and their reviews the related items judged fake.
/// </summary>
internal sealed class DuplicateTextDetector : ReviewBurstDetector<DuplicateTextDetector.Group>
{
    public static readonly PatternId Id = new("fake_reviews.duplicate_text");

    private const int MaxMatches = 64;

    private readonly DuplicateTextOptions _options;
    private readonly NearDuplicateIndex _index;
    private readonly long _retentionTicks;
    private readonly Dictionary<int, Group> _groups = [];
    private readonly uint[] _shingles = new uint[ReviewText.MaxShingles];
    private readonly NearDuplicate[] _matches = new NearDuplicate[MaxMatches];
    private readonly List<Group> _others = [];
    private readonly List<Group> _loose = [];
    private int _nextGroup;

    public DuplicateTextDetector(DuplicateTextOptions options)
        : base(options.SettleHours, options.MaxEvidenceEvents)
    {
        _options = options;
        _index = new NearDuplicateIndex(options.MaxSignatures, bucketBits: 18, maxChain: 32);
        _retentionTicks = TimeSpan.FromDays(options.RetentionDays).Ticks;
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ReviewPosted));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is not ReviewPosted { Listing: { } listing } review)
        {
            return;
        }

        var count = ReviewText.Shingles(review.Text, _shingles);
        if (count < _options.MinShingles)
        {
            return; // too little text to tell a copy from what everyone writes
        }

        var ticks = e.Ts.UtcTicks;
        var signature = MinHashSignature.Of(_shingles.AsSpan(0, count));
        var found = _index.Search(signature, Math.Min(_options.MinSimilarity, _options.JoinSimilarity), _matches);

        // An entry reached through several bands counts once.
        var matches = _matches.AsSpan(0, found);
        matches.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        // The review joins every group of this listing it has a near duplicate in (they merge); failing that, the largest
        // group of this listing that already has enough accounts and a text at least loosely like it (a paraphrase that
        // changed two clauses of a template the group already shows).
        Group? group = null;
        Group? loose = null;
        var here = 0;
        var similarity = 0.0;
        _others.Clear();
        _loose.Clear();
        for (var i = 0; i < matches.Length; i++)
        {
            if ((i > 0 && matches[i].Sequence == matches[i - 1].Sequence) || Find(matches[i].Payload) is not { } other)
            {
                continue; // a repeat, or forgotten
            }

            var near = matches[i].Similarity >= _options.MinSimilarity;
            if (!string.Equals(other.Listing, listing, StringComparison.Ordinal))
            {
                if (near)
                {
                    _others.Add(other);
                }

                continue;
            }

            if (!near)
            {
                _loose.Add(other);
                if (other.AccountCount >= _options.MinAccounts && (loose is null || other.Members.Count > loose.Members.Count))
                {
                    loose = other;
                }

                continue;
            }

            here++;
            similarity = Math.Max(similarity, matches[i].Similarity);
            group = group is null || ReferenceEquals(group, other) ? other : Merge(group, other);
        }

        group ??= loose is null ? null : Find(loose.Id);
        if (group is null)
        {
            group = new Group(_nextGroup++, listing);
            _groups[group.Id] = group;
        }

        // Where a campaign is established, a review loosely like both it and an earlier small group of the listing
        // bridges them: the small group's reviews were the campaign's first paraphrases, posted before it had a shape.
        if (group.AccountCount + 1 >= _options.MinAccounts)
        {
            foreach (var other in _loose)
            {
                if (Find(other.Id) is { } live && !ReferenceEquals(live, group))
                {
                    group = Merge(group, live);
                }
            }
        }

        // The same words on another listing where only a few accounts wrote them: what buyers write independently, so
        // evidence that the text is common language (for both listings). Another listing's large group of the same
        // words is another campaign, not evidence either way.
        var small = group.AccountCount + 1 < _options.MinAccounts;
        foreach (var other in _others)
        {
            if (other.AccountCount < _options.MinAccounts)
            {
                group.Scattered++;
            }

            if (small)
            {
                other.Scattered++;
            }
        }

        _index.Add(signature, group.Id);
        group.Here += here;
        // Only a group's first text is kept, as the example its evidence quotes.
        group.Add(new Member(review.Review, review.Account, e.Id, review.Rating ?? 5, ticks, group.Members.Count == 0 ? review.Text ?? "" : "", similarity));
        if (group.AccountCount >= _options.MinAccounts)
        {
            Dirty.Add(group);
        }
    }

    private Group? Find(int id)
    {
        if (!_groups.TryGetValue(id, out var group))
        {
            return null;
        }

        var root = group;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        while (group.Parent is { } next && !ReferenceEquals(next, root))
        {
            group.Parent = root; // path compression
            group = next;
        }

        return root;
    }

    /// <summary>Merges two groups of one listing (a review near both) into the larger.</summary>
    private Group Merge(Group a, Group b)
    {
        var (keep, gone) = a.Members.Count >= b.Members.Count ? (a, b) : (b, a);
        gone.Parent = keep;
        keep.Absorb(gone);
        if (Dirty.Remove(gone) || keep.AccountCount >= _options.MinAccounts)
        {
            Dirty.Add(keep);
        }

        return keep;
    }

    protected override void Forget(long now)
    {
        var before = now - _retentionTicks;
        List<int>? stale = null;
        foreach (var (id, _) in _groups)
        {
            if (Find(id) is { } root && root.LastTicks < before && !Dirty.Contains(root))
            {
                (stale ??= []).Add(id);
            }
        }

        if (stale is not null)
        {
            foreach (var id in stale)
            {
                _groups.Remove(id);
            }
        }
    }

    protected override void Judge(Group group, DetectionContext context)
    {
        var share = (double)group.Here / Math.Max(1, group.Here + group.Scattered);
        if (group.Parent is null && group.AccountCount >= _options.MinAccounts && share >= _options.MinListingShare)
        {
            context.Report(ToFinding(group, share));
        }
    }

    protected override int Compare(Group a, Group b) => a.FirstTicks != b.FirstTicks ? a.FirstTicks.CompareTo(b.FirstTicks) : base.Compare(a, b);

    private Finding ToFinding(Group group, double share)
    {
        var members = group.Members;
        var accounts = group.Members.Select(m => m.Account).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        group.ReportedFromTicks ??= group.FirstTicks;
        var from = new DateTimeOffset(Math.Min(group.FirstTicks, group.ReportedFromTicks.Value), TimeSpan.Zero);
        var to = new DateTimeOffset(group.LastTicks, TimeSpan.Zero);
        var praise = members.Count(m => m.Rating >= _options.PraiseFromRating) * 2 >= members.Count;
        var n = accounts.Count;

        // Four accounts sharing one text on one listing could still be chance; each more makes it less so: 0.5 at four,
        // 0.67 at five, 0.75 at six, 0.875 at ten.
        var score = 1 - (1.0 / Math.Max(1, n - 2));
        var severity = n >= 10 ? Severity.High : Severity.Medium;
        var text = members.Select(m => m.Text).FirstOrDefault(t => t.Length > 0) ?? "";
        var sample = text.Length > 80 ? text[..80] + "…" : text;
        var polarity = praise ? "praising" : "complaining about";
        var similarities = members.Where(m => m.Similarity > 0).Select(m => m.Similarity).DefaultIfEmpty(0).ToList();

        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture,
                    $"{members.Count} review(s) {polarity} listing {group.Listing} between {EvidenceText.Time(from)} and {EvidenceText.Time(to)} from {n} different accounts are near-identical (after punctuation and emoji are dropped), e.g. “{sample}”; {100 * share:0}% of the near-identical pairs they form are on this listing ({group.Here}), the rest ({group.Scattered}) with the same words written by a few buyers of other listings."),
                string.Create(CultureInfo.InvariantCulture,
                    $"{EvidenceText.Time(from)} 至 {EvidenceText.Time(to)} 期间，{n} 个不同账号对商品 {group.Listing} 发布的 {members.Count} 条{(praise ? "好评" : "差评")}几乎一字不差（去掉标点和表情后），例如“{sample}”；它们构成的近似重复评价对中有 {100 * share:0}% 在这个商品上（{group.Here} 对），其余 {group.Scattered} 对是其他商品的少数买家写下的相同字句。"),
                Cap(members.Select(m => m.EventId)),
                new Dictionary<string, double>
                {
                    ["reviews"] = members.Count,
                    ["accounts"] = n,
                    ["pairs_on_listing"] = group.Here,
                    ["pairs_with_scattered_reviews"] = group.Scattered,
                    ["listing_share"] = Math.Round(share, 4),
                    ["min_similarity"] = _options.MinSimilarity,
                    ["median_similarity"] = Math.Round(similarities.Order().ElementAt(similarities.Count / 2), 4),
                }),
        };

        return ToFinding(
            group.Listing,
            praise ? EntityRole.Beneficiary : EntityRole.Victim,
            score,
            severity,
            from,
            to,
            Actors(accounts, members.Select(m => m.Review).Distinct(StringComparer.Ordinal)),
            evidence,
            string.Create(CultureInfo.InvariantCulture,
                $"texts of ≥ {_options.MinShingles} distinct character pairs (letters and digits only) with estimated Jaccard ≥ {_options.MinSimilarity:0.##} (MinHash, LSH) from ≥ {_options.MinAccounts} accounts on one listing, ≥ {100 * _options.MinListingShare:0}% of their near-identical pairs on that listing rather than with the same words scattered over other listings (fewer than {_options.MinAccounts} accounts each)"),
            new DateTimeOffset(group.ReportedFromTicks.Value, TimeSpan.Zero));
    }

    internal readonly record struct Member(string Review, string Account, string EventId, int Rating, long Ticks, string Text, double Similarity);

    /// <summary>
    /// Near-identical reviews of one listing (a union-find node: a merged group points to the one it joined), with how
    /// many near-identical pairs its reviews form on the listing and with other listings' few reviews of the same words.
    /// </summary>
    internal sealed class Group(int id, string listing) : IReviewBurst
    {
        public int Id { get; } = id;

        public string Listing { get; } = listing;

        public Group? Parent { get; set; }

        public int Here { get; set; }

        public int Scattered { get; set; }

        public List<Member> Members { get; } = new(1);

        // Most groups hold one review for good: the account set and a longer list are made only when a second comes.
        private HashSet<string>? _accounts;

        public int AccountCount => _accounts?.Count ?? (Members.Count == 0 ? 0 : 1);

        public long FirstTicks { get; private set; } = long.MaxValue;

        public long LastTicks { get; private set; }

        public long? ReportedFromTicks { get; set; }

        public void Add(Member member)
        {
            Members.Add(member);
            if (_accounts is null && Members.Count > 1)
            {
                _accounts = new HashSet<string>(StringComparer.Ordinal) { Members[0].Account };
            }

            _accounts?.Add(member.Account);
            FirstTicks = Math.Min(FirstTicks, member.Ticks);
            LastTicks = Math.Max(LastTicks, member.Ticks);
        }

        public void Absorb(Group other)
        {
            Here += other.Here;
            Scattered += other.Scattered;
            foreach (var member in other.Members)
            {
                Add(member);
            }

            Members.Sort((a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : StringComparer.Ordinal.Compare(a.Review, b.Review));
            if (other.ReportedFromTicks is { } reported)
            {
                ReportedFromTicks = Math.Min(ReportedFromTicks ?? reported, reported);
            }
        }
    }
}

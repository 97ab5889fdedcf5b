using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Accounts;

/// <summary>
/// <c>accounts.impersonation</c> (冒充品牌官方): a shop name (<c>shop.opened</c>) or account nickname
/// (<c>account.registered</c>) that claims to be a brand's official store or service desk for a brand it is not
/// authorised for. Names and brands are compared by skeleton (<see cref="Confusables"/>), so traditional characters,
/// stroke look-alikes, full-width and Cyrillic letters and inserted dots do not hide the brand. Brands the name
/// names that the shop is authorised for (its <c>brands</c>) are its own and never count; an account is authorised for
/// the brands of the shops it owns. One finding per entity: the shop or account is the actor.
/// </summary>
internal sealed class ImpersonationDetector : Detector
{
    public static readonly PatternId Id = new("accounts.impersonation");

    private readonly ImpersonationOptions _options;
    private readonly string[] _officialWords;
    private readonly string[] _agentWords;
    private readonly long _settleTicks;
    private readonly long _pendingTicks;
    private readonly BrandBook _brands;
    private readonly Dictionary<string, List<string>> _ownedShops = new(StringComparer.Ordinal);
    private readonly Queue<Claim> _settling = new();      // accounts waiting AccountSettleHours, in event-time order
    private readonly LinkedList<Claim> _waiting = new();   // claims naming no known brand yet, oldest first
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private bool _newBrands;

    public ImpersonationDetector(ImpersonationOptions options)
    {
        _options = options;
        _officialWords = Skeletons(options.OfficialWords);
        _agentWords = Skeletons(options.AgentWords);
        _settleTicks = TimeSpan.FromHours(options.AccountSettleHours).Ticks;
        _pendingTicks = TimeSpan.FromDays(options.PendingDays).Ticks;
        _brands = new BrandBook(options.MinBrandLength);
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ShopOpened), typeof(ListingEvent), typeof(AccountRegistered));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        switch (e)
        {
            case ShopOpened shop:
                _newBrands |= _brands.LearnShop(shop.Shop, shop.Brands, e.Id);
                if (shop.Owner is not null && shop.Brands is { Count: > 0 })
                {
                    if (!_ownedShops.TryGetValue(shop.Owner, out var owned))
                    {
                        _ownedShops[shop.Owner] = owned = [];
                    }

                    owned.Add(shop.Shop);
                }

                if (NewClaim(EntityTypes.Shop, shop.Shop, shop.Name, e) is { } shopClaim)
                {
                    JudgeFirst(shopClaim, context);
                }

                break;
            case ListingEvent listing:
                _newBrands |= _brands.LearnBrand(listing.Brand);
                break;
            case AccountRegistered account when NewClaim(EntityTypes.Account, account.Account, account.Nickname, e) is { } accountClaim:
                _settling.Enqueue(accountClaim);
                break;
        }
    }

    public override void Sweep(DetectionContext context) => Advance(context.Now.UtcTicks, context, all: false);

    public override void Complete(DetectionContext context) => Advance(context.Now.UtcTicks, context, all: true);

    private static string[] Skeletons(string[] words)
        => [.. words.Select(Confusables.Skeleton).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)];

    private static bool ContainsAny(string skeleton, string[] words)
    {
        foreach (var word in words)
        {
            if (skeleton.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A name that claims to be official or an agent of some brand, or null.</summary>
    private Claim? NewClaim(string type, string id, string? name, MarketEvent e)
    {
        var skeleton = Confusables.Skeleton(name);
        var official = ContainsAny(skeleton, _officialWords);
        if (!official && !ContainsAny(skeleton, _agentWords))
        {
            return null;
        }

        return new Claim(new EntityRef(type, id), name!, skeleton, official, e.Id, e.Ts);
    }

    private void Advance(long now, DetectionContext context, bool all)
    {
        while (_settling.TryPeek(out var claim) && (all || claim.At.UtcTicks + _settleTicks <= now))
        {
            _settling.Dequeue();
            JudgeFirst(claim, context);
        }

        if (_newBrands)
        {
            _newBrands = false;
            for (var node = _waiting.First; node is not null;)
            {
                var next = node.Next;
                if (Judge(node.Value, context))
                {
                    _waiting.Remove(node);
                }

                node = next;
            }
        }

        while (_waiting.First is { } oldest && oldest.Value.At.UtcTicks + _pendingTicks < now)
        {
            _waiting.RemoveFirst();
        }
    }

    /// <summary>
    /// Judges a claim for the first time; one that is not reported waits for brands still unknown (a name can hold
    /// its own brand and another one the marketplace has not seen yet).
    /// </summary>
    private void JudgeFirst(Claim claim, DetectionContext context)
    {
        if (Judge(claim, context))
        {
            return;
        }

        _waiting.AddLast(claim);
        if (_waiting.Count > _options.MaxPending)
        {
            _waiting.RemoveFirst();
        }
    }

    /// <summary>Reports the claim when it names a brand the entity is not authorised for; true when reported.</summary>
    private bool Judge(Claim claim, DetectionContext context)
    {
        var matches = _brands.Find(claim.Skeleton);
        if (matches.Count == 0)
        {
            return false;
        }

        var authorised = Authorised(claim.Entity);
        // A brand the entity is authorised for is its own, and so are the characters it covers: a brand found across
        // them (卓远 + 山海集 holds 远山) is an accident of the name, not a claim.
        var own = matches.Where(m => authorised.Contains(m.Brand.Skeleton)).ToList();
        var foreign = matches
            .Where(m => !authorised.Contains(m.Brand.Skeleton)
                && !own.Exists(o => m.Start < o.Start + o.Brand.Skeleton.Length && o.Start < m.Start + m.Brand.Skeleton.Length))
            .Select(m => m.Brand)
            .Distinct()
            .ToList();
        if (foreign.Count == 0)
        {
            return false;
        }

        if (_reported.Add(claim.Entity.Type + "\u001f" + claim.Entity.Id))
        {
            context.Report(Describe(claim, foreign, authorised));
        }

        return true;
    }

    private HashSet<string> Authorised(EntityRef entity)
    {
        var brands = new HashSet<string>(StringComparer.Ordinal);
        if (entity.Type == EntityTypes.Shop)
        {
            brands.UnionWith(_brands.AuthorisedFor(entity.Id));
        }
        else if (_ownedShops.TryGetValue(entity.Id, out var shops))
        {
            foreach (var shop in shops)
            {
                brands.UnionWith(_brands.AuthorisedFor(shop));
            }
        }

        return brands;
    }

    private Finding Describe(Claim claim, List<BrandEntry> foreign, HashSet<string> authorised)
    {
        // Look-alike spelling: the brand or the claim word is only there once the name is reduced to its skeleton.
        var literal = Confusables.Fold(claim.Name);
        var lookAlike = Confusables.HasLookAlike(claim.Name) || foreign.Any(b => !literal.Contains(b.Name, StringComparison.OrdinalIgnoreCase));
        var score = Math.Min(1.0, (claim.Official ? _options.OfficialScore : _options.AgentScore) + (lookAlike ? _options.LookAlikeBonus : 0));
        var what = claim.Entity.Type == EntityTypes.Shop ? "shop name" : "account name";
        var brandList = string.Join("、", foreign.Select(b => b.Name));
        var own = authorised.Count == 0
            ? "it is authorised for no brand"
            : "it is authorised only for " + string.Join("、", authorised.Select(s => _brands.Get(s)?.Name ?? s).Order(StringComparer.Ordinal));
        var claimText = claim.Official ? "the brand's official store or account (官方/旗舰)" : "acting for the brand (客服/授权/专营…)";
        var evidence = new List<Evidence>
        {
            new(
                string.Create(CultureInfo.InvariantCulture, $"The {what} 「{claim.Name}」 (at {EvidenceText.Time(claim.At)}) claims {claimText} of {brandList}, but {own}.")
                    + (lookAlike ? " It is written with look-alike characters; compared by skeleton it reads 「" + claim.Skeleton + "」." : ""),
                string.Create(CultureInfo.InvariantCulture, $"{(claim.Entity.Type == EntityTypes.Shop ? "店铺名" : "账号昵称")}「{claim.Name}」（{EvidenceText.Time(claim.At)}）自称{(claim.Official ? "是品牌的官方店铺或官方账号（官方/旗舰）" : "代表品牌经营（客服/授权/专营…）")}，涉及品牌 {brandList}，但{(authorised.Count == 0 ? "其未获得任何品牌授权" : "其仅获得 " + string.Join("、", authorised.Select(s => _brands.Get(s)?.Name ?? s).Order(StringComparer.Ordinal)) + " 的授权")}。")
                    + (lookAlike ? "名称使用了形近字，按字形骨架比对读作「" + claim.Skeleton + "」。" : ""),
                [claim.EventId],
                new Dictionary<string, double>
                {
                    ["official_claim"] = claim.Official ? 1 : 0,
                    ["look_alike"] = lookAlike ? 1 : 0,
                    ["brands_named"] = foreign.Count,
                    ["brands_authorised"] = authorised.Count,
                }),
        };
        foreach (var brand in foreign)
        {
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture, $"{brand.Shops} shop(s) are authorised for {brand.Name}; this {claim.Entity.Type} is not one of them."),
                string.Create(CultureInfo.InvariantCulture, $"获得 {brand.Name} 授权的店铺共 {brand.Shops} 家，该{(claim.Entity.Type == EntityTypes.Shop ? "店铺" : "账号")}不在其中。"),
                brand.FirstShopEvent is { } first ? [first] : [],
                new Dictionary<string, double> { ["authorised_shops"] = brand.Shops }));
        }

        return new Finding
        {
            Id = Finding.MakeId(Id.Value, claim.Entity, claim.At),
            Pattern = Id.Value,
            Entity = claim.Entity,
            Role = EntityRole.Actor,
            Score = score,
            Severity = claim.Official ? Severity.High : Severity.Medium,
            From = claim.At,
            To = claim.At,
            Evidence = evidence,
            Rule = "a name claiming a brand's official store or service (官方, 旗舰, 客服…), compared by confusable skeleton, for a brand the shop or its owner is not authorised for",
        };
    }

    private sealed record Claim(EntityRef Entity, string Name, string Skeleton, bool Official, string EventId, DateTimeOffset At);
}

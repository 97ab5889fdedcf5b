using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Alliance;

/// <summary>
/// <c>alliance.listed</c>: an account shows an identifier (phone, device, payment account, address) or is an account
/// handle that a partner listed. Each account is reported once, with every listing that matched it as evidence naming its
/// source; the same evidence is lent (<see cref="DetectionContext.Corroborate"/>) to this platform's own findings on the
/// account in the listed pattern's family, without changing their scores.
/// </summary>
internal sealed class AllianceListedDetector(AllianceListedOptions options, AllianceWatchlist watchlist) : Detector
{
    public static readonly PatternId Id = new("alliance.listed");

    private readonly Dictionary<string, string> _buyerOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _scratch = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _accountsOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountMatches> _matches = new(StringComparer.Ordinal);

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => !watchlist.IsEmpty
        && (IsAny(eventType, typeof(AccountRegistered), typeof(AccountLogin), typeof(OrderPlaced), typeof(OrderPaid), typeof(ListingLiked), typeof(ListingViewed), typeof(AdClicked))
            || (watchlist.HasMentions && IsAny(eventType, typeof(ChatMessage))));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        // Orders' buyers are remembered only when payment accounts are listed (to name who paid); otherwise not at all.
        var buyers = watchlist.HasPaymentAccounts ? _buyerOf : _scratch;
        _scratch.Clear();
        foreach (var (account, kind, keyed) in AllianceIdentifiers.Of(e, buyers))
        {
            if (watchlist.Identifier(keyed) is not { } entries)
            {
                continue;
            }

            // Who else shows it here: an identifier many accounts share names none of them.
            if (Holders(keyed, account) <= options.MaxAccountsPerIdentifier)
            {
                Match(account, $"{kind} {keyed}", entries, e, context);
            }
        }

        if (AccountOf(e) is { } handle && watchlist.Account(handle) is { } listed)
        {
            Match(handle, "account handle", listed, e, context);
        }

        if (e is ChatMessage chat)
        {
            // A brushing website or chat group named in a message: the sender hands out the tasks.
            foreach (var (kind, value) in AllianceMentions.In(chat.Text))
            {
                if (watchlist.Raw(kind, value) is { } entries && Holders(kind + ":" + value, chat.From) <= options.MaxAccountsPerIdentifier)
                {
                    Match(chat.From, $"{kind} {value}", entries, e, context);
                }
            }
        }
    }

    // How many accounts here showed the identifier, counting this one.
    private int Holders(string identifier, string account)
    {
        if (!_accountsOf.TryGetValue(identifier, out var holders))
        {
            _accountsOf[identifier] = holders = new HashSet<string>(StringComparer.Ordinal);
        }

        holders.Add(account);
        return holders.Count;
    }

    private static string? AccountOf(MarketEvent e) => e switch
    {
        AccountRegistered r => r.Account,
        AccountLogin l => l.Account,
        OrderPlaced o => o.Buyer,
        ListingLiked l => l.Account,
        ListingViewed v => v.Account,
        AdClicked c => c.Account,
        _ => null,
    };

    private void Match(string account, string what, IReadOnlyList<AllianceEntry> entries, MarketEvent e, DetectionContext context)
    {
        var added = false;
        foreach (var entry in entries)
        {
            if (entry.Confidence < options.MinConfidence || e.Ts > entry.ExpiresAt)
            {
                continue;
            }

            if (!_matches.TryGetValue(account, out var matches))
            {
                _matches[account] = matches = new AccountMatches(e.Ts);
            }

            var evidence = Describe(account, entry, what, e);
            if (matches.Add(entry, e.Ts, evidence))
            {
                added = true;
                context.Corroborate(new Corroboration
                {
                    Entities = [new EntityRef(EntityTypes.Account, account)],
                    Patterns = [entry.Pattern.Split('.')[0]],
                    From = entry.FirstSeen < e.Ts ? entry.FirstSeen : e.Ts,
                    To = entry.ExpiresAt,
                    Evidence = evidence,
                });
            }
        }

        if (added)
        {
            context.Report(ToFinding(account, _matches[account]));
        }
    }

    private Finding ToFinding(string account, AccountMatches matches)
    {
        var entity = new EntityRef(EntityTypes.Account, account);
        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, matches.First),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = Math.Round(matches.Strongest * options.ScoreFactor, 4),
            Severity = Severity.Low,
            From = matches.First,
            To = matches.Last,
            Evidence = [.. matches.Evidence],
            Rule = string.Create(CultureInfo.InvariantCulture,
                $"alliance.listed: the account shows an identifier or handle a partner platform listed (confidence ≥ {options.MinConfidence:0.##}, the identifier seen here with at most {options.MaxAccountsPerIdentifier} accounts); a partner's listing alone is reviewed, never penalised"),
        };
    }

    private static Evidence Describe(string account, AllianceEntry entry, string what, MarketEvent e)
    {
        var (seen, expires) = ($"{EvidenceText.Time(entry.FirstSeen)} – {EvidenceText.Time(entry.LastSeen)}", EvidenceText.Time(entry.ExpiresAt));
        return new Evidence(
            string.Create(CultureInfo.InvariantCulture,
                $"Account {account}'s {what} is on {entry.Source}'s alliance blacklist for {entry.Pattern} (their confidence {entry.Confidence:0.##}; seen there {seen}; listed until {expires}). This is the partner's word, not evidence seen here: it is for a person to weigh; dismissing it disputes entry {entry.Key}."),
            string.Create(CultureInfo.InvariantCulture,
                $"账号 {account} 的{ChineseWhat(what)}在合作平台 {entry.Source} 的联盟黑名单上（{entry.Pattern}，对方置信度 {entry.Confidence:0.##}；对方记录时间 {seen}；有效期至 {expires}）。这是合作平台的判断，并非本平台所见证据，需由人工复核；驳回即对条目 {entry.Key} 提出异议。"),
            [e.Id],
            new Dictionary<string, double> { ["source_confidence"] = entry.Confidence });
    }

    private static string ChineseWhat(string what) => what.Split(' ') switch
    {
        ["account", "handle"] => "账号名",
        [var kind, var value] => kind switch
        {
            AllianceKinds.Phone => "手机号",
            AllianceKinds.Device => "设备",
            AllianceKinds.PaymentAccount => "支付账户",
            AllianceKinds.Address => "收货地址",
            AllianceKinds.Website => "提到的网站",
            AllianceKinds.ChatGroup => "提到的群",
            _ => kind,
        } + " " + value,
        _ => what,
    };

    /// <summary>What matched one account: each entry once, the evidence in the order found.</summary>
    private sealed class AccountMatches(DateTimeOffset first)
    {
        private readonly HashSet<string> _entries = new(StringComparer.Ordinal);

        public DateTimeOffset First { get; } = first;

        public DateTimeOffset Last { get; private set; } = first;

        public double Strongest { get; private set; }

        public List<Evidence> Evidence { get; } = [];

        public bool Add(AllianceEntry entry, DateTimeOffset at, Evidence evidence)
        {
            if (!_entries.Add(entry.Key))
            {
                return false;
            }

            Last = at > Last ? at : Last;
            Strongest = Math.Max(Strongest, entry.Confidence);
            Evidence.Add(evidence);
            return true;
        }
    }
}

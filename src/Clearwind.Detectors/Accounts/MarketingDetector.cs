using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.Accounts;

/// <summary>
/// <c>accounts.marketing</c> (营销号): accounts that canvass for brushers, sell reviews or lure buyers off the platform.
/// Signs, each with points: a marketing word or an official-service claim in the nickname (1), a stock avatar shared
/// by several accounts but not by so many that it is the platform's default picture (1), off-platform contacts sent to several accounts (2;
/// 1 for one or two), content copied across accounts: a solicitation template or contact id other accounts use too
/// (1). An account with <see cref="MarketingOptions.MinPoints"/> is reported, and reported again (same finding id) as
/// its points grow. State: an avatar key per registered account, counts per avatar, and per-account, per-template and
/// per-contact state only for accounts that showed a sign, forgotten after <see cref="MarketingOptions.RetentionDays"/>.
/// </summary>
internal sealed class MarketingDetector : Detector
{
    public static readonly PatternId Id = new("accounts.marketing");

    private const int AvatarKind = 101;
    private const int TemplateKind = 102;
    private const int ContactKind = 103;
    private const int MaxRecipients = 256;
    private static readonly long HousekeepingTicks = TimeSpan.FromDays(1).Ticks;

    private readonly MarketingOptions _options;
    private readonly string[] _nameWords;
    private readonly string[] _claimWords;
    private readonly Regex _contact;
    private readonly long _rejudgeTicks;
    private readonly long _retentionTicks;

    private readonly Dictionary<string, ulong> _avatarOf = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, int> _avatarCounts = [];
    private readonly Dictionary<string, Suspect> _suspects = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, Shared> _templates = [];
    private readonly Dictionary<ulong, Shared> _contacts = [];
    private long _nextRejudge = long.MinValue;
    private long _nextHousekeeping = long.MinValue;

    public MarketingDetector(MarketingOptions options)
    {
        _options = options;
        var words = options.MatchPinyin ? options.NameWords.SelectMany(Pinyin.Spellings) : options.NameWords;
        _nameWords = [.. words.Select(Confusables.Skeleton).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)];
        _claimWords = [.. options.ClaimWords.Select(Confusables.Skeleton).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)];
        var alternatives = string.Join("|", options.ContactWords.Select(w => Regex.Escape(Confusables.Fold(w))));
        _contact = new Regex(
            "(?:" + alternatives + @")[\s:：,，=＝\-]{0,3}(?<id>[a-z][a-z0-9_\-]{4,29}|[0-9]{5,15})",
            RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        _rejudgeTicks = TimeSpan.FromMinutes(options.RejudgeMinutes).Ticks;
        _retentionTicks = TimeSpan.FromDays(options.RetentionDays).Ticks;
    }

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(AccountRegistered), typeof(ChatMessage), typeof(ReviewPosted));

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        switch (e)
        {
            case AccountRegistered reg:
                Register(reg, context);
                break;
            case ChatMessage chat when !string.IsNullOrEmpty(chat.Text) && chat.From != chat.To:
                Canvass(chat.From, chat.To, chat.Text!, chat, context);
                break;
            case ReviewPosted review when !string.IsNullOrEmpty(review.Text):
                // A review that gives a contact id canvasses everyone who reads the listing: the listing is the audience.
                Canvass(review.Account, "listing\u001f" + (review.Listing ?? review.Review), review.Text!, review, context);
                break;
        }
    }

    public override void Sweep(DetectionContext context)
    {
        var now = context.Now.UtcTicks;
        if (now >= _nextRejudge)
        {
            foreach (var suspect in _suspects.Values)
            {
                Judge(suspect, context, refresh: true);
            }

            _nextRejudge = now + _rejudgeTicks;
        }

        if (now >= _nextHousekeeping)
        {
            Forget(now);
            _nextHousekeeping = now + HousekeepingTicks;
        }
    }

    public override void Complete(DetectionContext context)
    {
        foreach (var suspect in _suspects.Values)
        {
            Judge(suspect, context, refresh: true);
        }
    }

    private static bool ContainsAny(string text, string[] words, out string? found)
    {
        foreach (var word in words)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                found = word;
                return true;
            }
        }

        found = null;
        return false;
    }

    /// <summary>The CJK part of a message: what stays the same when a template is filled with other amounts and ids.</summary>
    private static string TemplateOf(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= '\u4E00' and <= '\u9FFF')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private void Register(AccountRegistered reg, DetectionContext context)
    {
        if (!string.IsNullOrEmpty(reg.Avatar))
        {
            var key = IdentifierHash.Of(AvatarKind, reg.Avatar);
            _avatarOf[reg.Account] = key;
            CollectionsMarshal.GetValueRefOrAddDefault(_avatarCounts, key, out _)++;
        }

        var skeleton = Confusables.Skeleton(reg.Nickname);
        if (ContainsAny(skeleton, _nameWords, out _) || ContainsAny(skeleton, _claimWords, out _))
        {
            var suspect = SuspectOf(reg.Account, reg.Ts);
            suspect.Nickname = reg.Nickname;
            suspect.NameEvent = reg.Id;
            Judge(suspect, context);
        }
    }

    /// <summary>A chat message or review from <paramref name="from"/> to an audience; counts when it gives a contact id.</summary>
    private void Canvass(string from, string audience, string raw, MarketEvent e, DetectionContext context)
    {
        var text = Confusables.Fold(raw);
        var match = _contact.Match(text);
        if (!match.Success)
        {
            return;
        }

        var suspect = SuspectOf(from, e.Ts);
        suspect.Messages++;
        if (suspect.Recipients.Count < MaxRecipients)
        {
            suspect.Recipients.Add(audience);
        }

        if (suspect.MessageEvents.Count < _options.MaxEvidenceEvents)
        {
            suspect.MessageEvents.Add(e.Id);
        }

        var ticks = e.Ts.UtcTicks;
        var template = TemplateOf(text.Remove(match.Index, match.Length));
        if (template.Length > 0)
        {
            suspect.Templates.Add(Note(_templates, IdentifierHash.Of(TemplateKind, template), from, ticks));
        }

        suspect.Contacts.Add(Note(_contacts, IdentifierHash.Of(ContactKind, match.Groups["id"].Value), from, ticks));
        Judge(suspect, context);
    }

    private Suspect SuspectOf(string account, DateTimeOffset at)
    {
        ref var suspect = ref CollectionsMarshal.GetValueRefOrAddDefault(_suspects, account, out var known);
        if (!known)
        {
            suspect = new Suspect(account, at);
        }

        suspect!.LastSeen = at;
        return suspect;
    }

    private Shared Note(Dictionary<ulong, Shared> map, ulong key, string account, long ticks)
    {
        ref var shared = ref CollectionsMarshal.GetValueRefOrAddDefault(map, key, out var known);
        if (!known)
        {
            shared = new Shared();
        }

        shared!.LastSeen = ticks;
        if (shared.Accounts.Count < _options.MinCopyAccounts)
        {
            shared.Accounts.Add(account);
        }

        return shared;
    }

    /// <summary>Accounts using the account's avatar, or 0 when it has none or it is the platform's default picture.</summary>
    private int StockAvatarUsers(string account)
    {
        if (!_avatarOf.TryGetValue(account, out var key) || !_avatarCounts.TryGetValue(key, out var users))
        {
            return 0;
        }

        return users >= _options.MinStockAccounts && users < _options.CommonAvatarAccounts ? users : 0;
    }

    /// <summary>
    /// Reports the account when it has the points. As events arrive it is reported again only when its points grow or
    /// the accounts it canvassed double; a <paramref name="refresh"/> (the periodic re-judgement and the end of the
    /// input) brings the evidence up to date whenever anything changed.
    /// </summary>
    private void Judge(Suspect suspect, DetectionContext context, bool refresh = false)
    {
        var stock = StockAvatarUsers(suspect.Account);
        var recipients = suspect.Recipients.Count;
        var copiedTemplates = suspect.Templates.Count(t => t.Accounts.Count >= _options.MinCopyAccounts);
        var sharedContacts = suspect.Contacts.Count(c => c.Accounts.Count >= 2);
        var points = (suspect.Nickname is not null ? 1 : 0)
            + (stock > 0 ? 1 : 0)
            + (recipients >= _options.MinSolicitedAccounts ? 2 : recipients > 0 ? 1 : 0)
            + (copiedTemplates + sharedContacts > 0 ? 1 : 0);
        if (points < _options.MinPoints)
        {
            return;
        }

        var grew = points > suspect.ReportedPoints || recipients >= 2 * suspect.ReportedRecipients;
        var changed = points != suspect.ReportedPoints || suspect.Messages != suspect.ReportedMessages || stock != suspect.ReportedStock;
        if (!(grew || (refresh && changed)))
        {
            return;
        }

        suspect.ReportedPoints = points;
        suspect.ReportedRecipients = recipients;
        suspect.ReportedMessages = suspect.Messages;
        suspect.ReportedStock = stock;
        context.Report(Describe(suspect, points, stock, recipients, copiedTemplates, sharedContacts));
    }

    private Finding Describe(Suspect suspect, int points, int stock, int recipients, int copiedTemplates, int sharedContacts)
    {
        var evidence = new List<Evidence>();
        if (suspect.Nickname is not null)
        {
            evidence.Add(new Evidence(
                $"The nickname 「{suspect.Nickname}」 advertises paid reviews, cashback, brushing or side jobs, or claims to be an official service (1 point).",
                $"昵称「{suspect.Nickname}」宣传有偿好评、返现、刷单或兼职，或自称官方客服（计 1 分）。",
                [suspect.NameEvent!],
                new Dictionary<string, double> { ["points"] = 1 }));
        }

        if (stock > 0)
        {
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture, $"Its avatar is a stock picture: {stock} accounts use the same image (1 point)."),
                string.Create(CultureInfo.InvariantCulture, $"其头像是网图：共有 {stock} 个账号使用同一张图片（计 1 分）。"),
                suspect.NameEvent is { } e ? [e] : [],
                new Dictionary<string, double> { ["accounts_with_avatar"] = stock, ["points"] = 1 }));
        }

        if (recipients > 0)
        {
            var solicitationPoints = recipients >= _options.MinSolicitedAccounts ? 2 : 1;
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture, $"It sent {suspect.Messages} chat messages or reviews giving an off-platform contact (WeChat, QQ…) to {recipients} accounts or listings ({solicitationPoints} points; {_options.MinSolicitedAccounts} accounts give 2)."),
                string.Create(CultureInfo.InvariantCulture, $"其发出 {suspect.Messages} 条聊天消息或评价，向 {recipients} 个账号或商品留下站外联系方式（微信、QQ…）（计 {solicitationPoints} 分；达到 {_options.MinSolicitedAccounts} 个账号计 2 分）。"),
                [.. suspect.MessageEvents],
                new Dictionary<string, double> { ["messages"] = suspect.Messages, ["recipients"] = recipients, ["points"] = solicitationPoints }));
        }

        if (copiedTemplates + sharedContacts > 0)
        {
            evidence.Add(new Evidence(
                string.Create(CultureInfo.InvariantCulture, $"Its messages are copied across accounts: {copiedTemplates} message texts sent by at least {_options.MinCopyAccounts} accounts each, {sharedContacts} contact ids other accounts give out too (1 point)."),
                string.Create(CultureInfo.InvariantCulture, $"其消息在多个账号间复制：{copiedTemplates} 条消息文本各被至少 {_options.MinCopyAccounts} 个账号发送，{sharedContacts} 个联系方式也由其他账号发出（计 1 分）。"),
                [.. suspect.MessageEvents.Take(10)],
                new Dictionary<string, double> { ["copied_texts"] = copiedTemplates, ["shared_contacts"] = sharedContacts, ["points"] = 1 }));
        }

        var entity = new EntityRef(EntityTypes.Account, suspect.Account);
        return new Finding
        {
            Id = Finding.MakeId(Id.Value, entity, suspect.FirstSeen),
            Pattern = Id.Value,
            Entity = entity,
            Role = EntityRole.Actor,
            Score = Math.Min(0.95, 0.3 + (0.1 * points)),
            Severity = points >= 5 ? Severity.High : Severity.Medium,
            From = suspect.FirstSeen,
            To = suspect.LastSeen,
            Evidence = evidence,
            Rule = string.Create(CultureInfo.InvariantCulture, $"at least {_options.MinPoints} points from: marketing or official-service nickname (1), stock avatar (1), off-platform contacts sent to accounts (1, or 2 for {_options.MinSolicitedAccounts}+), content copied across accounts (1)"),
        };
    }

    private void Forget(long now)
    {
        var horizon = now - _retentionTicks;
        foreach (var (account, suspect) in _suspects)
        {
            if (suspect.LastSeen.UtcTicks < horizon)
            {
                _suspects.Remove(account);
            }
        }

        foreach (var map in (Dictionary<ulong, Shared>[])[_templates, _contacts])
        {
            foreach (var (key, shared) in map)
            {
                if (shared.LastSeen < horizon)
                {
                    map.Remove(key);
                }
            }
        }
    }

    private sealed class Suspect(string account, DateTimeOffset firstSeen)
    {
        public string Account { get; } = account;

        public DateTimeOffset FirstSeen { get; } = firstSeen;

        public DateTimeOffset LastSeen { get; set; } = firstSeen;

        public string? Nickname { get; set; }

        public string? NameEvent { get; set; }

        public int Messages { get; set; }

        public HashSet<string> Recipients { get; } = new(StringComparer.Ordinal);

        public List<string> MessageEvents { get; } = [];

        public HashSet<Shared> Templates { get; } = [];

        public HashSet<Shared> Contacts { get; } = [];

        public int ReportedPoints { get; set; }

        public int ReportedRecipients { get; set; }

        public int ReportedMessages { get; set; }

        public int ReportedStock { get; set; }
    }

    private sealed class Shared
    {
        public HashSet<string> Accounts { get; } = new(StringComparer.Ordinal);

        public long LastSeen { get; set; }
    }
}

using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.FakeLikes;

/// <summary>
/// A listing-keyed like detector that judges a sliding window of each listing touched since the last sweep and keeps a
/// <see cref="LikeCase"/> per listing while windows meet its rule, reporting it once none has for the case gap.
/// </summary>
internal abstract class ListingCaseDetector<TState> : ListingLikeDetector<TState>
    where TState : ListingCaseState
{
    private readonly long _caseGapTicks;
    private readonly HashSet<TState> _dirty = [];
    private readonly List<TState> _cases = [];
    private readonly List<TState> _closed = [];

    protected ListingCaseDetector(ListingCaseOptions options, int defaultAvatarAccounts, SharedState? shared)
        : base(options, defaultAvatarAccounts, shared)
    {
        WindowTicks = TimeSpan.FromHours(options.WindowHours).Ticks;
        _caseGapTicks = TimeSpan.FromHours(options.CaseGapHours).Ticks;
    }

    protected long WindowTicks { get; }

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        Ledger.Observe(e);
        if (e is ListingLiked like)
        {
            var now = e.Ts.UtcTicks;
            Ledger.Touch(like.Account, now);
            var state = State(like.Listing, now);
            AddLike(state, like, now);
            _dirty.Add(state);
        }
        else
        {
            ObserveOther(e);
        }
    }

    /// <summary>Adds a like to its listing's window, which is then judged at the next sweep.</summary>
    protected abstract void AddLike(TState state, ListingLiked like, long now);

    /// <summary>Takes an event other than a like (the ledger has already seen it).</summary>
    protected virtual void ObserveOther(MarketEvent e)
    {
    }

    /// <summary>Judges the listing's window ending at <paramref name="now"/>, calling <see cref="CaseMet"/> when it meets the rule.</summary>
    protected abstract void Judge(TState state, long now);

    /// <summary>The listing's case, opened at <paramref name="firstTicks"/> if none is, marked as met at <paramref name="now"/>.</summary>
    protected LikeCase CaseMet(TState state, long firstTicks, long now)
    {
        if (state.Case is null)
        {
            state.Case = new LikeCase(state.Listing, firstTicks);
            _cases.Add(state);
        }

        state.Case.LastMetTicks = now;
        return state.Case;
    }

    /// <summary>The finding of a closed case, or null when it no longer holds up.</summary>
    protected abstract Finding? ToFinding(LikeCase likeCase);

    protected override void Advance(long now, DetectionContext context, bool atEnd)
    {
        Evaluate(now);
        Close(now, context, all: atEnd);
    }

    private void Evaluate(long now)
    {
        foreach (var state in _dirty)
        {
            Judge(state, now);
        }

        _dirty.Clear();
    }

    private void Close(long now, DetectionContext context, bool all)
    {
        if (_cases.Count == 0)
        {
            return;
        }

        var closed = _closed;
        closed.Clear();
        foreach (var s in _cases)
        {
            if (all || s.Case!.LastMetTicks + _caseGapTicks <= now)
            {
                closed.Add(s);
            }
        }

        if (closed.Count == 0)
        {
            return;
        }

        // One state per listing: the ids are distinct, so any sort gives the ordinal order.
        closed.Sort(static (a, b) => string.CompareOrdinal(a.Listing, b.Listing));
        foreach (var state in closed)
        {
            _cases.Remove(state);
            var likeCase = state.Case!;
            state.Case = null;
            if (ToFinding(likeCase) is { } finding)
            {
                context.Report(finding);
            }
        }
    }
}

/// <summary>A listing as a <see cref="ListingCaseDetector{TState}"/> follows it.</summary>
internal abstract class ListingCaseState(string listing) : ListingLikeState(listing)
{
    public LikeCase? Case { get; set; }

    public override bool HasOpenCase => Case is not null;
}

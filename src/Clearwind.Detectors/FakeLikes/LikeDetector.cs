using Clearwind.Detection;
using Clearwind.Events;

namespace Clearwind.FakeLikes;

/// <summary>
/// What every fake-like detector shares: the events it reads, a <see cref="LikeLedger"/> of facts about accounts and
/// listings, and the cadence of a sweep (advance the cases, then once a day of event time forget what is too old).
/// </summary>
internal abstract class LikeDetector : Detector
{
    private static readonly long HousekeepingTicks = TimeSpan.FromDays(1).Ticks;

    private long _nextHousekeeping = long.MinValue;

    protected LikeDetector(LikeOptions options, int defaultAvatarAccounts, SharedState? shared)
    {
        RetentionTicks = TimeSpan.FromDays(options.RetentionDays).Ticks;
        Ledger = LikeLedger.For(TimeSpan.FromDays(options.RetentionDays), defaultAvatarAccounts, shared ?? new SharedState());
    }

    protected LikeLedger Ledger { get; }

    public override object? SharedPart => Ledger;

    protected long RetentionTicks { get; }

    public override bool Observes(Type eventType) => IsAny(eventType, typeof(ListingLiked), typeof(AccountRegistered), typeof(ListingEvent), typeof(OrderPlaced));

    public override void Sweep(DetectionContext context)
    {
        var now = context.Now.UtcTicks;
        Advance(now, context, atEnd: false);
        if (now >= _nextHousekeeping)
        {
            Forget(now);
            _nextHousekeeping = now + HousekeepingTicks;
        }
    }

    public override void Complete(DetectionContext context) => Advance(context.Now.UtcTicks, context, atEnd: true);

    /// <summary>Brings the cases up to <paramref name="now"/> and reports those that ended; at the end of the input, every one.</summary>
    protected abstract void Advance(long now, DetectionContext context, bool atEnd);

    /// <summary>Drops what is older than the retention (called once a day of event time).</summary>
    protected virtual void Forget(long now) => Ledger.Forget(now);
}

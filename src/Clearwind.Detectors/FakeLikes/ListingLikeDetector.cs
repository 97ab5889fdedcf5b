using System.Runtime.InteropServices;
using Clearwind.Detection;

namespace Clearwind.FakeLikes;

/// <summary>A fake-like detector that follows each listing in a state of its own, forgetting quiet listings unless a case is open on them.</summary>
internal abstract class ListingLikeDetector<TState>(LikeOptions options, int defaultAvatarAccounts, SharedState? shared) : LikeDetector(options, defaultAvatarAccounts, shared)
    where TState : ListingLikeState
{
    protected Dictionary<string, TState> Listings { get; } = new(StringComparer.Ordinal);

    protected abstract TState NewState(string listing, long now);

    /// <summary>The listing's state, made on first sight, marked as active at <paramref name="now"/>.</summary>
    protected TState State(string listing, long now)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(Listings, listing, out var known);
        if (!known)
        {
            state = NewState(listing, now);
        }

        state!.LastTicks = now;
        return state;
    }

    /// <summary>Trims a listing that housekeeping keeps.</summary>
    protected virtual void Tidy(TState state, long now)
    {
    }

    protected override void Forget(long now)
    {
        base.Forget(now);
        var before = now - RetentionTicks;
        foreach (var (listing, state) in Listings)
        {
            if (state.LastTicks < before && !state.HasOpenCase)
            {
                Listings.Remove(listing);
            }
            else
            {
                Tidy(state, now);
            }
        }
    }
}

/// <summary>A listing as a <see cref="ListingLikeDetector{TState}"/> follows it.</summary>
internal abstract class ListingLikeState(string listing)
{
    public string Listing { get; } = listing;

    public long LastTicks { get; set; }

    /// <summary>Whether a case (or burst) is open on the listing, which keeps it through housekeeping.</summary>
    public abstract bool HasOpenCase { get; }
}

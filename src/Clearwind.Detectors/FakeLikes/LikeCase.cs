namespace Clearwind.FakeLikes;

/// <summary>
/// One listing's case under a windowed fake-like rule: every window that met the rule adds its named likes; the
/// strongest window's figures are kept for the evidence. A case closes when no window has met the rule for a while.
/// </summary>
internal sealed class LikeCase(string listing, long firstTicks)
{
    private readonly HashSet<string> _events = new(StringComparer.Ordinal);

    public string Listing { get; } = listing;

    public long FirstTicks { get; private set; } = firstTicks;

    public long LastTicks { get; private set; } = firstTicks;

    /// <summary>When a window last met the rule (event time).</summary>
    public long LastMetTicks { get; set; } = firstTicks;

    /// <summary>Named likers, each with the time of its first named like.</summary>
    public Dictionary<string, long> Accounts { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids of the named likes, in the order they were added.</summary>
    public List<string> EventIds { get; } = [];

    /// <summary>Strength of the strongest window (larger is stronger), its sentence and its figures.</summary>
    public double BestStrength { get; private set; } = double.NegativeInfinity;

    public string BestText { get; private set; } = string.Empty;

    public string BestTextZh { get; private set; } = string.Empty;

    public Dictionary<string, double> BestFigures { get; private set; } = [];

    public List<string> BestEvents { get; private set; } = [];

    public void Add(string account, long ticks, string eventId)
    {
        if (!_events.Add(eventId))
        {
            return;
        }

        EventIds.Add(eventId);
        if (!Accounts.TryGetValue(account, out var first) || ticks < first)
        {
            Accounts[account] = ticks;
        }

        FirstTicks = Math.Min(FirstTicks, ticks);
        LastTicks = Math.Max(LastTicks, ticks);
    }

    public void Offer(double strength, string text, string textZh, Dictionary<string, double> figures, List<string> events)
    {
        if (strength > BestStrength)
        {
            BestStrength = strength;
            BestText = text;
            BestTextZh = textZh;
            BestFigures = figures;
            BestEvents = events;
        }
    }
}

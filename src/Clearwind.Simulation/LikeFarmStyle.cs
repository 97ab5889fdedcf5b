namespace Clearwind.Simulation;

/// <summary>How a like farm (刷赞) works; it decides which signs its likes leave (never written to events).</summary>
internal enum LikeFarmStyle
{
    /// <summary>A phone farm: throwaway accounts on a few emulators behind a few proxy addresses, liking on a timer.</summary>
    Script,

    /// <summary>Throwaway accounts on a timer, but every like from a fresh mobile address and a spoofed device.</summary>
    Proxy,

    /// <summary>A part-time group (兼职群): aged accounts and real shoppers who like when a task is posted.</summary>
    Crowd,

    /// <summary>A slow drip from the listing's launch, so it has no quiet baseline to jump from.</summary>
    Drip,
}

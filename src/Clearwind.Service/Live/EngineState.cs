namespace Clearwind.Service.Live;

/// <summary>Where the live engine stands with its history.</summary>
public enum EngineState
{
    /// <summary>Caught up: every acknowledged event has been detected and decided.</summary>
    Live,

    /// <summary>Replaying the stored history after a start: events are stored and acknowledged, detected afterwards.</summary>
    Warming,

    /// <summary>The replay failed: events are still stored and acknowledged, nothing is detected until a restart.</summary>
    Failed,
}

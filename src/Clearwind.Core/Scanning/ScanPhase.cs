namespace Clearwind.Scanning;

/// <summary>The steps of a scan, in order.</summary>
public enum ScanPhase
{
    /// <summary>Reading events already in the store.</summary>
    LoadingStore,

    /// <summary>Reading and parsing the inputs.</summary>
    Reading,

    /// <summary>Writing new events to the store.</summary>
    Storing,

    /// <summary>Running the detectors in event-time order.</summary>
    Detecting,

    /// <summary>Deciding and saving findings and decisions.</summary>
    Deciding,
}

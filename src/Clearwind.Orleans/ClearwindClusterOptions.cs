namespace Clearwind.Orleans;

/// <summary>What every silo of a Clearwind cluster needs to know (configuration section <c>Clearwind</c>).</summary>
public sealed class ClearwindClusterOptions
{
    /// <summary>Store location shared by the silos: a <c>postgres://</c> URI in a cluster.</summary>
    public string Store { get; set; } = "";

    /// <summary>Policy file; the embedded default when empty.</summary>
    public string? Policy { get; set; }

    /// <summary>HMAC key for personal identifiers; else <c>CLEARWIND_HMAC_KEY</c>, else the store's.</summary>
    public string? HmacKey { get; set; }

    /// <summary>The alliance's shared key (docs/alliance.md); null for <c>$CLEARWIND_ALLIANCE_KEY</c>, else none.</summary>
    public string? AllianceKey { get; set; }

    /// <summary>Ingest partitions (grains); every silo must agree.</summary>
    public int Partitions { get; set; } = Abstractions.IngestPartitions.DefaultCount;

    /// <summary>Events a detection batch carries to the lanes.</summary>
    public int DetectionBatch { get; set; } = 4096;
}

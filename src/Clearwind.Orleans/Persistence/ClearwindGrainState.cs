namespace Clearwind.Orleans.Persistence;

/// <summary>The grain-storage provider Clearwind's grains keep state in (<see cref="PostgresGrainStorage"/>).</summary>
public static class ClearwindGrainState
{
    /// <summary>The provider's name.</summary>
    public const string StorageName = "clearwind";
}

/// <summary>What the detection grain remembers across activations: the last round, so a reminder's tick can skip a round when nothing arrived.</summary>
[GenerateSerializer]
[Alias("Clearwind.DetectionRounds")]
public sealed class DetectionRounds
{
    /// <summary>Events the store held when the last round started.</summary>
    [Id(0)]
    public long EventsAtLastRound { get; set; } = -1;

    /// <summary>When the last round ended (wall clock).</summary>
    [Id(1)]
    public DateTimeOffset? LastRoundAt { get; set; }

    /// <summary>Rounds run.</summary>
    [Id(2)]
    public long Rounds { get; set; }
}

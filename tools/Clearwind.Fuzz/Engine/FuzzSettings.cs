namespace Clearwind.Fuzz.Engine;

/// <summary>How long a run is and where its failing inputs go.</summary>
internal sealed record FuzzSettings
{
    /// <summary>Executions, seeds included.</summary>
    public long Executions { get; init; } = 100_000;

    /// <summary>Seed of the mutation choices: the same seed and build give the same inputs.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Where each distinct failure's input is saved as <c>TARGET/HASH.bin</c>; null keeps nothing.</summary>
    public string? CrashersDirectory { get; init; }

    /// <summary>An execution taking longer than this is a hang.</summary>
    public TimeSpan HangAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Mutated inputs are cut to this size, so one execution stays cheap.</summary>
    public int MaxInputBytes { get; init; } = 64 * 1024;

    /// <summary>Inputs that gave an outcome never seen before join the corpus, up to this many.</summary>
    public int MaxCorpus { get; init; } = 4096;

    /// <summary>Stop after this long even if fewer executions ran (null: no limit); the report says how many did.</summary>
    public TimeSpan? StopAfter { get; init; }

    /// <summary>Progress lines every this many executions (0: none).</summary>
    public long ReportEvery { get; init; }
}

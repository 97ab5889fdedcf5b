using System.Globalization;

namespace Clearwind.Fuzz.Engine;

/// <summary>What a run did: executions, speed, distinct outcomes and failures.</summary>
internal sealed record FuzzReport(string Target, long Executions, TimeSpan Elapsed, int DistinctOutcomes, int Corpus, IReadOnlyList<FuzzFailure> Failures)
{
    /// <summary>The longest one execution took (hangs aside).</summary>
    public TimeSpan Slowest { get; init; }

    /// <summary>The input that took <see cref="Slowest"/>.</summary>
    public byte[]? SlowestInput { get; init; }

    /// <summary>The most frequent outcome labels with their counts: how far mutants get into the decoder.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> TopOutcomes { get; init; } = [];

    /// <summary>Executions per stage a decoder reached (<see cref="FuzzTarget.Stage"/>), failures aside.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Stages { get; init; } = [];

    /// <summary>Executions that crashed or broke a property.</summary>
    public long Crashes => Failures.Where(f => f.Kind is FailureKind.Crash or FailureKind.Property).Sum(f => f.Count);

    /// <summary>Executions that hung.</summary>
    public long Hangs => Failures.Where(f => f.Kind == FailureKind.Hang).Sum(f => f.Count);

    /// <summary>Executions over the hang limit that finished under it when re-run alone.</summary>
    public long Slow => Failures.Where(f => f.Kind == FailureKind.Slow).Sum(f => f.Count);

    /// <summary>Failures that count: crashes, broken properties and confirmed hangs.</summary>
    public IEnumerable<FuzzFailure> Real => Failures.Where(f => f.Kind != FailureKind.Slow);

    /// <summary>Executions per second of wall time.</summary>
    public double ExecutionsPerSecond => Elapsed.TotalSeconds > 0 ? Executions / Elapsed.TotalSeconds : 0;

    /// <summary>One line for logs and the docs' table.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Target}: {Executions:N0} executions in {Elapsed.TotalSeconds:0.0} s ({ExecutionsPerSecond:N0}/s), {DistinctOutcomes:N0} distinct outcomes, corpus {Corpus:N0}, crashes {Crashes:N0} ({Failures.Count(f => f.Kind is FailureKind.Crash or FailureKind.Property)} distinct), hangs {Hangs:N0}, slow under load {Slow:N0}, slowest execution {Slowest.TotalMilliseconds:N0} ms ({SlowestInput?.Length ?? 0:N0} bytes)");
}

namespace Clearwind.Detection;

/// <summary>
/// Composes detectors into a pipeline. Built-in detectors add themselves with <c>AddXxx</c> extensions;
/// the policy file adds them by pattern id through a catalog of <see cref="DetectorRegistration"/>s.
/// </summary>
public sealed class DetectionPipelineBuilder
{
    private readonly List<(Detector Detector, DetectorOptions? Options)> _detectors = [];

    /// <summary>State the detectors of this pipeline share (see <see cref="SharedState"/>): pass it to detectors made for it.</summary>
    public SharedState Shared { get; } = new();

    /// <summary>Interval of event time between two sweeps of every detector.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many detectors may run at once. Outputs are the same for every value (see <see cref="DetectionPipeline"/>).
    /// Default 1: every detector runs on the caller's thread as each event is processed, which a real-time caller needs.
    /// Above 1, events are batched, so findings appear when <see cref="DetectionPipeline.Findings"/> or
    /// <see cref="DetectionPipeline.Complete"/> is called: for batch scans (the CLI uses the processor count).
    /// </summary>
    public int Parallelism { get; set; } = 1;

    /// <summary>Adds a detector, with the options it was made from so that <see cref="Build"/> validates them.</summary>
    public DetectionPipelineBuilder Add(Detector detector, DetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        _detectors.Add((detector, options));
        return this;
    }

    /// <summary>Validates options and pattern ids, and builds the pipeline.</summary>
    /// <exception cref="ArgumentException">Options are invalid or two detectors report the same pattern.</exception>
    public DetectionPipeline Build()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (detector, options) in _detectors)
        {
            if (!seen.Add(detector.Pattern.Value))
            {
                throw new ArgumentException($"two detectors report the pattern {detector.Pattern}");
            }

            options?.Validate(detector.Pattern);
        }

        if (SweepInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("the sweep interval must be positive");
        }

        if (Parallelism < 1)
        {
            throw new ArgumentException("the parallelism must be at least 1");
        }

        // Declared campaigns are put on the record of the findings they cover whatever the policy enables (CampaignNotes).
        Detector[] detectors = [.. _detectors.Select(d => d.Detector)];
        if (detectors.Length > 0 && !seen.Contains(CampaignNotes.Id.Value))
        {
            detectors = [.. detectors, new CampaignNotes()];
        }

        return new DetectionPipeline(detectors, SweepInterval, Parallelism);
    }
}

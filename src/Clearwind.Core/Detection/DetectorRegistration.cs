namespace Clearwind.Detection;

/// <summary>
/// How a pattern id becomes a detector: its options type, the default policy for it, and a factory.
/// A catalog of these lets the policy file address detectors by pattern id.
/// </summary>
public sealed class DetectorRegistration
{
    private readonly Func<DetectorOptions> _defaults;
    private readonly Func<DetectorOptions, SharedState, Detector> _create;

    private DetectorRegistration(PatternId pattern, string summary, Type optionsType, Func<DetectorOptions> defaults,
        Func<DetectorOptions, SharedState, Detector> create, PatternDefaults policyDefaults)
    {
        Pattern = pattern;
        Summary = summary;
        OptionsType = optionsType;
        _defaults = defaults;
        _create = create;
        PolicyDefaults = policyDefaults;
    }

    /// <summary>The pattern id.</summary>
    public PatternId Pattern { get; }

    /// <summary>One line: what the pattern catches.</summary>
    public string Summary { get; }

    /// <summary>The options class bound from the policy file.</summary>
    public Type OptionsType { get; }

    /// <summary>Default enforcement for this pattern (action, review cut-off, expiry).</summary>
    public PatternDefaults PolicyDefaults { get; }

    /// <summary>A fresh options object holding the documented defaults.</summary>
    public DetectorOptions CreateDefaultOptions() => _defaults();

    /// <summary>
    /// Creates the detector for validated options; detectors created with the same <paramref name="shared"/> (a pipeline
    /// builder's <see cref="DetectionPipelineBuilder.Shared"/>) share what they can. Without it, the detector keeps its own.
    /// </summary>
    public Detector Create(DetectorOptions options, SharedState? shared = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(Pattern);
        return _create(options, shared ?? new SharedState());
    }

    /// <summary>Describes a detector whose options are <typeparamref name="TOptions"/>.</summary>
    public static DetectorRegistration For<TOptions>(PatternId pattern, string summary, PatternDefaults policyDefaults, Func<TOptions, Detector> create)
        where TOptions : DetectorOptions, new()
        => new(pattern, summary, typeof(TOptions), () => new TOptions(), (o, _) => create((TOptions)o), policyDefaults);

    /// <summary>Describes a detector whose options are <typeparamref name="TOptions"/> and that shares state with others of its pipeline.</summary>
    public static DetectorRegistration For<TOptions>(PatternId pattern, string summary, PatternDefaults policyDefaults, Func<TOptions, SharedState, Detector> create)
        where TOptions : DetectorOptions, new()
        => new(pattern, summary, typeof(TOptions), () => new TOptions(), (o, shared) => create((TOptions)o, shared), policyDefaults);
}

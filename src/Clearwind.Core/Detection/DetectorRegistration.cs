namespace Clearwind.Detection;

/// <summary>
/// How a pattern id becomes a detector: its options type, the default policy for it, and a factory.
/// A catalog of these lets the policy file address detectors by pattern id.
/// </summary>
public sealed class DetectorRegistration
{
    private readonly Func<DetectorOptions> _defaults;
    private readonly Func<DetectorOptions, Detector> _create;

    private DetectorRegistration(PatternId pattern, string summary, Type optionsType, Func<DetectorOptions> defaults,
        Func<DetectorOptions, Detector> create, PatternDefaults policyDefaults)
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

    /// <summary>Creates the detector for validated options.</summary>
    public Detector Create(DetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(Pattern);
        return _create(options);
    }

    /// <summary>Describes a detector whose options are <typeparamref name="TOptions"/>.</summary>
    public static DetectorRegistration For<TOptions>(PatternId pattern, string summary, PatternDefaults policyDefaults, Func<TOptions, Detector> create)
        where TOptions : DetectorOptions, new()
        => new(pattern, summary, typeof(TOptions), () => new TOptions(), o => create((TOptions)o), policyDefaults);
}

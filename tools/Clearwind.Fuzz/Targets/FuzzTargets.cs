using Clearwind.Fuzz.Engine;

namespace Clearwind.Fuzz.Targets;

/// <summary>Every target by name, in the order <c>all</c> runs them.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = ["event-json", "csv-mapping", "policy-file", "alliance-file", "appeal-form"];

    /// <summary>A new instance of the named target, or null for an unknown name.</summary>
    public static FuzzTarget? Create(string name) => name switch
    {
        "event-json" => new EventJsonTarget(),
        "csv-mapping" => new CsvMappingTarget(),
        "policy-file" => new PolicyFileTarget(),
        "alliance-file" => new AllianceFileTarget(),
        "appeal-form" => new AppealFormTarget(),
        _ => null,
    };
}

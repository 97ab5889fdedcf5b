namespace Clearwind.Orleans.Abstractions;

/// <summary>Which payload a <see cref="LaneOutputMessage"/> carries.</summary>
[GenerateSerializer]
public enum LaneOutputKind
{
    /// <summary>A finding (SPEC §8 JSON).</summary>
    Finding,

    /// <summary>Evidence lent to other patterns' findings.</summary>
    Corroboration,

    /// <summary>A detector failure.</summary>
    Fault,
}

namespace Clearwind.Events;

/// <summary>A seller filed an abuse report (<c>report.filed</c>).</summary>
public sealed record ReportFiled : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "report.filed";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Report id.</summary>
    public required string Report { get; init; }

    /// <summary>Reporting account or shop.</summary>
    public required string Reporter { get; init; }

    /// <summary>What is reported.</summary>
    public EntityRef? Target { get; init; }

    /// <summary>Platform the target lives on (a report about another platform is not actionable here).</summary>
    public string? Platform { get; init; }

    /// <summary>Policy the reporter names.</summary>
    public string? Reason { get; init; }

    /// <summary>Free-text description.</summary>
    public string? Description { get; init; }

    /// <summary>Evidence items: links, screenshots, copied text.</summary>
    public IReadOnlyList<ReportEvidence>? Evidence { get; init; }
}

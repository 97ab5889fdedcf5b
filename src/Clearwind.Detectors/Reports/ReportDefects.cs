namespace Clearwind.Reports;

/// <summary>Why a seller report cannot be acted on (seed 000's reasons reports fail).</summary>
[Flags]
internal enum ReportDefects
{
    /// <summary>The report can be acted on.</summary>
    None = 0,

    /// <summary>No target named.</summary>
    NoTarget = 1,

    /// <summary>No link to the reported thing (screenshots only, 仅截图无链接).</summary>
    MissingLink = 2,

    /// <summary>No policy named (未说明违反哪项政策).</summary>
    Vague = 4,

    /// <summary>The target lives on another platform (跨站举报).</summary>
    CrossPlatform = 8,
}

namespace Clearwind.Simulation;

/// <summary>Why a seller report cannot be acted on (SPEC §2.6, seed 000's common reasons a report fails).</summary>
internal enum ReportDefect
{
    /// <summary>A valid report: a link, a screenshot, a named policy, a target on this platform.</summary>
    None,

    /// <summary>Evidence missing: screenshots without a link.</summary>
    ScreenshotOnly,

    /// <summary>Vague: no policy named.</summary>
    NoPolicy,

    /// <summary>Cross-platform: the target is an account on another platform.</summary>
    CrossPlatform,
}

namespace Clearwind.Detection;

/// <summary>How serious a finding is.</summary>
public enum Severity
{
    /// <summary>Worth a look.</summary>
    Low,

    /// <summary>Clear evidence of a rule break.</summary>
    Medium,

    /// <summary>Large-scale or blatant.</summary>
    High,
}

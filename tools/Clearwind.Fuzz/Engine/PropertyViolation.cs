namespace Clearwind.Fuzz.Engine;

/// <summary>An input the decoder accepted but whose result breaks a property the target checks (not a crash of the decoder itself).</summary>
internal sealed class PropertyViolation : Exception
{
    public PropertyViolation(string message)
        : base(message)
    {
    }

    public PropertyViolation()
    {
    }

    public PropertyViolation(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Clearwind.Service.Live;

/// <summary>
/// The engine cannot give verdicts: its replay of the stored history failed, so it stores events without detecting them
/// until a restart. The request's events were stored; the answer is 503, and the verdicts come after the restart.
/// </summary>
public sealed class VerdictsUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VerdictsUnavailableException()
        : base("no verdicts until the service restarts")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public VerdictsUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public VerdictsUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

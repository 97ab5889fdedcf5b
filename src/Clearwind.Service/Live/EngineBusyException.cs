namespace Clearwind.Service.Live;

/// <summary>Too many requests are waiting for the writer: the caller should retry later (503 with Retry-After).</summary>
public sealed class EngineBusyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EngineBusyException()
        : base("the ingest queue is full; retry shortly")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EngineBusyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public EngineBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Clearwind.Orleans.Abstractions;

/// <summary>A lane grain got a batch out of turn: it was lost with its silo and started afresh mid-run. The run starts again.</summary>
[GenerateSerializer]
public sealed class LaneStateLostException : Exception
{
    public LaneStateLostException()
    {
    }

    public LaneStateLostException(string message)
        : base(message)
    {
    }

    public LaneStateLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

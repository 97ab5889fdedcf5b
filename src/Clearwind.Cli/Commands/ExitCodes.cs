namespace Clearwind.Cli.Commands;

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure.</summary>
    public const int Failure = 1;

    /// <summary>Nothing usable: bad arguments, unreadable or empty input, invalid policy.</summary>
    public const int Usage = 2;

    /// <summary><c>verify</c>: the decision log's hash chain is broken (a record was edited, removed or reordered).</summary>
    public const int ChainBroken = 3;
}

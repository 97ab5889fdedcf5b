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
}

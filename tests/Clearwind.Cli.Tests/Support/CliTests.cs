namespace Clearwind.Cli.Tests.Support;

/// <summary>
/// Tests that run the CLI share its static consoles and the <c>CLEARWIND_HMAC_KEY</c> environment variable, so
/// they run one at a time in this collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliTests
{
    public const string Name = "clearwind CLI";
}

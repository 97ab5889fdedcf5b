using Spectre.Console;

namespace Clearwind.Cli.Presentation;

/// <summary>The consoles the verbs write to; tests swap them for recorders.</summary>
internal static class Consoles
{
    public static IAnsiConsole Out { get; set; } = AnsiConsole.Console;

    public static IAnsiConsole Error { get; set; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}

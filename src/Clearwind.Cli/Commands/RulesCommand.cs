using System.CommandLine;
using System.Globalization;
using Clearwind.Cli.Presentation;
using Clearwind.Policy;
using Spectre.Console;

namespace Clearwind.Cli.Commands;

/// <summary><c>clearwind rules list [--json] [--policy FILE]</c>: the effective policy; <c>rules test</c> and <c>rules backtest</c> live in their own files.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the policy file itself (this is how policy/default.json is made)" };
        var policy = new Option<string?>("--policy") { Description = "Policy file to show (default: the built-in default)" };
        var list = new Command("list", "Show the effective policy: every pattern, its action and its options") { json, policy };
        list.SetAction(parse => List(parse.GetValue(policy), parse.GetValue(json)));
        return new Command("rules", "Inspect, test and backtest the policy") { list, RulesTestCommand.Create(), RulesBacktestCommand.Create() };
    }

    /// <summary>The ladder in one line: <c>ladder (shops): throttle at 3 strikes for 30 days, close at 5 strikes</c>.</summary>
    public static string LadderLine(StrikeLadder? ladder)
    {
        if (ladder is null)
        {
            return "ladder (shops): none";
        }

        var rungs = new List<string>();
        if (ladder.ThrottleAtStrikes is { } throttle)
        {
            rungs.Add(string.Create(CultureInfo.InvariantCulture, $"throttle at {throttle} strikes for {ladder.ThrottleDays} days"));
        }

        if (ladder.CloseAtStrikes is { } close)
        {
            rungs.Add(string.Create(CultureInfo.InvariantCulture, $"close at {close} strikes"));
        }

        return "ladder (shops): " + string.Join(", ", rungs);
    }

    public static int List(string? policyPath, bool json)
    {
        EnforcementPolicy policy;
        try
        {
            policy = Engine.Policy(policyPath);
            policy.BuildPipeline(DetectorCatalog.BuiltIn);
        }
        catch (PolicyException ex)
        {
            Consoles.Error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.Usage;
        }

        if (json)
        {
            Console.Out.Write(policy.ToJson());
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Effective policy[/]");
        table.AddColumns("pattern", "runs", "action", "review below", "related actors", "grace (h)", "expires (days)", "options");
        foreach (var (id, rule) in policy.Patterns)
        {
            table.AddRow(
                Markup.Escape(id),
                rule.Enabled ? "yes" : "[grey]no[/]",
                rule.Action,
                rule.ReviewBelow.ToString("0.##", CultureInfo.InvariantCulture),
                rule.RelatedActorAction ?? "-",
                rule.GraceHours.ToString(CultureInfo.InvariantCulture),
                rule.ExpiresAfterDays.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", rule.Options.Select(o => $"{o.Key}={o.Value?.ToJsonString()}"))));
        }

        Consoles.Out.Write(table);
        Consoles.Out.WriteLine(LadderLine(policy.Ladder));
        return ExitCodes.Ok;
    }
}

using System.CommandLine;
using System.Globalization;
using Clearwind.Cli.Presentation;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Ingest;
using Clearwind.Policy;
using Clearwind.Privacy;
using Clearwind.Scanning;
using Clearwind.Storage;
using Spectre.Console;

namespace Clearwind.Cli.Commands;

/// <summary>
/// <c>clearwind rules test PATTERN --event FILE… [--policy FILE]</c>: runs one pattern's detector over a few events and
/// says why it fired (rule, score, evidence, figures) or, when it did not, which thresholds it applies.
/// </summary>
internal static class RulesTestCommand
{
    public static Command Create()
    {
        var pattern = new Argument<string>("pattern") { Description = "Pattern id, e.g. order_brushing.concentration" };
        var events = new Option<string[]>("--event")
        {
            Description = "NDJSON event files (.gz too)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var policy = new Option<string?>("--policy") { Description = "Policy file for the pattern's options and actions (default: the built-in default)" };
        var command = new Command("test", "Run one pattern's detector over events: why it fired, or the thresholds it applies when it did not") { pattern, events, policy };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(pattern)!, parse.GetValue(events)!, parse.GetValue(policy), ct));
        return command;
    }

    public static async Task<int> RunAsync(string pattern, IReadOnlyList<string> eventFiles, string? policyPath, CancellationToken cancellationToken)
    {
        var console = Consoles.Out;
        var error = Consoles.Error;
        var missing = eventFiles.Where(p => !File.Exists(p)).ToList();
        foreach (var path in missing)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {path}: no such file");
        }

        if (missing.Count > 0)
        {
            return ExitCodes.Usage;
        }

        PatternPolicy rule;
        RuleTrialResult trial;
        try
        {
            var policy = Engine.Policy(policyPath);
            trial = await RuleTrial.RunAsync(policy, pattern, [.. eventFiles.Select(p => new NdjsonInput(p))], DetectorCatalog.BuiltIn, cancellationToken);
            rule = policy.Patterns[pattern];
        }
        catch (PolicyException ex)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (KeyNotFoundException ex)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.Usage;
        }

        var (result, options, probes) = trial;
        foreach (var problem in result.Problems.Take(10))
        {
            error.MarkupLineInterpolated($"[yellow]skipped[/] {problem.ToString()}");
        }

        if (!result.ReadAnything)
        {
            error.MarkupLineInterpolated($"[red]error:[/] no usable event in the input ({result.BadLines} malformed lines)");
            return ExitCodes.Usage;
        }

        var thresholds = string.Join(", ", options.Select(o => $"{o.Key}={o.Value?.ToJsonString()}"));
        console.MarkupLineInterpolated($"[bold]{pattern}[/] over {result.EventsRead} events: {result.Findings.Count} finding(s).");
        if (result.Findings.Count == 0)
        {
            console.MarkupLineInterpolated($"Nothing fired. These are the thresholds it applies: {thresholds}");
            WriteProbes(console, probes, fired: false);
            return ExitCodes.Ok;
        }

        foreach (var finding in result.Findings)
        {
            var decisions = result.Decisions.Where(d => d.Findings.Contains(finding.Id)).Select(d => $"{d.Action} {d.Entity.Type} {d.Entity.Id}");
            var table = new Table().Border(TableBorder.Rounded).HideHeaders()
                .Title($"[bold]{Markup.Escape($"{finding.Entity.Type} {finding.Entity.Id}")}[/] ({finding.Role.ToString().ToLowerInvariant()})");
            table.AddColumns("", "");
            table.AddRow("rule", Markup.Escape(finding.Rule));
            table.AddRow("score", string.Create(CultureInfo.InvariantCulture, $"{finding.Score:0.####} (review below {rule.ReviewBelow:0.##}), severity {finding.Severity.ToString().ToLowerInvariant()}"));
            table.AddRow("period", Markup.Escape($"{finding.From:u} – {finding.To:u}"));
            table.AddRow("decisions", Markup.Escape(string.Join("; ", decisions) is { Length: > 0 } d ? d : "none"));
            foreach (var evidence in finding.Evidence)
            {
                var figures = string.Join(", ", evidence.Figures.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key}={f.Value:0.####}")));
                table.AddRow("evidence", Markup.Escape(evidence.Text + (figures.Length > 0 ? $"\n  figures: {figures}" : "")));
            }

            console.Write(table);
        }

        console.MarkupLineInterpolated($"Thresholds applied: {thresholds}");
        WriteProbes(console, probes, fired: true);
        return ExitCodes.Ok;
    }

    private static void WriteProbes(IAnsiConsole console, IReadOnlyList<ThresholdProbe>? probes, bool fired)
    {
        if (probes is null)
        {
            console.MarkupLineInterpolated($"[grey](Near-miss probe skipped: more than {RuleTrial.MaxProbedEvents:N0} events.)[/]");
            return;
        }

        var flips = probes.Where(p => p.FlipsAt is not null).ToList();
        console.MarkupLine(fired
            ? "[bold]Margins[/] (one threshold moved at a time, the others at the policy's values, same events): it stops firing with"
            : "[bold]Nearest to firing[/] (one threshold moved at a time, the others at the policy's values, same events): it fires at");
        foreach (var p in flips)
        {
            var side = p.FlipsAt > p.Current ? "above" : "below";
            if (fired)
            {
                console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  {p.Option} {side} {p.HoldsTo:G4} (policy {p.Current:G4})");
            }
            else
            {
                console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  {p.Option} = {p.FlipsAt:G4} (policy {p.Current:G4})");
            }
        }

        var steady = probes.Where(p => p.FlipsAt is null).Select(p => p.Option).ToList();
        if (steady.Count > 0)
        {
            console.MarkupLineInterpolated($"  no value in the allowed range of {string.Join(", ", steady)} changes the outcome on its own");
        }
    }
}

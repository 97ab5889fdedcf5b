using System.CommandLine;
using System.Diagnostics;
using Clearwind.Cli.Presentation;
using Clearwind.Listings;
using Spectre.Console;

namespace Clearwind.Cli.Commands;

/// <summary>
/// <c>clearwind match-eval DIR</c>: scores the title matcher of <c>listing.duplicate</c> on an entity-matching
/// benchmark in Ditto's format (train.txt, valid.txt, test.txt; e.g. Abt-Buy): weights and threshold chosen on
/// train + valid, precision, recall and F1 reported on test. <c>--holdout valid</c> tunes on train only and scores
/// valid instead, for trying changes without looking at test.
/// </summary>
internal static class MatchEvalCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "Folder with train.txt, valid.txt and test.txt (Ditto format)" };
        var holdout = new Option<string>("--holdout") { Description = "test (default): tune on train+valid, score test; valid: tune on train, score valid" };
        holdout.AcceptOnlyFromAmong("test", "valid");
        var command = new Command("match-eval", "Score the duplicate-listing title matcher on an entity-matching benchmark (e.g. Abt-Buy)") { directory, holdout };
        command.SetAction(parse => Run(parse.GetValue(directory)!, parse.GetValue(holdout) ?? "test"));
        return command;
    }

    public static int Run(string directory, string holdout)
    {
        List<string> files = [Path.Combine(directory, "train.txt"), Path.Combine(directory, "valid.txt"), Path.Combine(directory, "test.txt")];
        if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            Consoles.Error.MarkupLineInterpolated($"[red]error:[/] {missing}: no such file");
            return ExitCodes.Usage;
        }

        var train = TitleMatchEvaluation.Load(files[0]);
        var valid = TitleMatchEvaluation.Load(files[1]);
        var clock = Stopwatch.StartNew();
        var report = holdout == "valid"
            ? TitleMatchEvaluation.Run(train, valid)
            : TitleMatchEvaluation.Run([.. train, .. valid], TitleMatchEvaluation.Load(files[2]));
        var w = report.Weights;
        var output = Consoles.Out;
        output.MarkupLineInterpolated($"tuned on {(holdout == "valid" ? "train" : "train+valid")} ({report.Tuning.Pairs:N0} pairs): threshold {report.Threshold:0.####}, F1 {report.Tuning.F1:0.####}");
        output.MarkupLineInterpolated($"weights: bias {w.Bias:0.###}, trigram cosine {w.Cosine:0.###}, token cosine {w.TokenCosine:0.###}, exact code {w.Exact:0.###}, related code {w.Related:0.###}, conflicting codes {w.Conflict:0.###}, rare token {w.Rare:0.###}, colour conflict {w.Colour:0.###}");
        var q = report.Test;
        output.MarkupLineInterpolated($"[bold]{holdout}[/] ({q.Pairs:N0} pairs): precision {q.Precision:0.####}, recall {q.Recall:0.####}, [bold]F1 {q.F1:0.####}[/] (TP {q.TruePositives}, FP {q.FalsePositives}, FN {q.FalseNegatives}); {clock.Elapsed.TotalSeconds:0.0} s");
        output.MarkupLineInterpolated($"title signatures (bigrams; tokens, codes and trigrams are parsed on first comparison): {SignaturesPerSecond([.. train.SelectMany(p => new[] { p.Left, p.Right }).Distinct(StringComparer.Ordinal)]):N0} titles/s on one core");
        return ExitCodes.Ok;
    }

    /// <summary>Signs the titles over and over for about a second, on this thread.</summary>
    private static double SignaturesPerSecond(List<string> titles)
    {
        var signed = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 1000)
        {
            foreach (var title in titles)
            {
                TitleMatcher.Sign(title);
            }

            signed += titles.Count;
        }

        return signed / clock.Elapsed.TotalSeconds;
    }
}

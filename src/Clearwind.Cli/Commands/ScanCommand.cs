using Clearwind.Alliance;
using System.CommandLine;
using System.Data.Common;
using Clearwind.Detection;
using Clearwind.Privacy;
using Clearwind.Storage;
using Clearwind.Cli.Input;
using Clearwind.Cli.Presentation;
using Clearwind.Ingest;
using Clearwind.Output;
using Clearwind.Policy;
using Clearwind.Scanning;
using Spectre.Console;

namespace Clearwind.Cli.Commands;

/// <summary><c>clearwind scan INPUT… --out DIR</c>: detect, decide and write the SPEC §8 outputs.</summary>
internal static class ScanCommand
{
    private const int ProblemsShown = 20;

    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "NDJSON event files (.gz too), or CSV files with --csv-map or --format", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Folder for findings.ndjson, decisions.ndjson, summary.json, report.html", Required = true };
        var store = new Option<string?>("--store") { Description = "Store: a SQLite file (default: OUT/clearwind.db) or a PostgreSQL database (postgres://user:password@host:port/db?schema=NAME); scanning into a store continues from what it holds" };
        var policy = new Option<string?>("--policy") { Description = "Policy file (default: the built-in default, as policy/default.json)" };
        var csvMap = new Option<string?>("--csv-map") { Description = "Column mapping for CSV inputs: a JSON file, or a preset ('shopee', 'taobao-userbehavior')" };
        var format = new Option<string>("--format")
        {
            Description = "Input format: 'ndjson' (default: NDJSON, or CSV with --csv-map for .csv files), 'csv' (every input is CSV; needs --csv-map), 'taobao-userbehavior' (Taobao UserBehavior CSV)",
            DefaultValueFactory = _ => ScanSettings.NdjsonFormat,
        };
        format.CompletionSources.Add([.. ScanSettings.Formats]);
        var hmacKey = new Option<string?>("--hmac-key") { Description = $"Key for personal identifiers (default: ${StoreKeys.HmacKeyVariable}, else generated once and kept in the store)" };
        var allianceKey = new Option<string?>("--alliance-key")
        {
            Description = $"The alliance's shared key (default: ${AllianceHasher.KeyVariable}): identifiers keyed in this scan are also keyed under it, so `alliance export` can list them",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display" };
        var threads = new Option<int?>("--threads")
        {
            Description = "Detectors running side by side (default: the processor count); the outputs are the same for any value",
        };
        threads.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--threads must be at least 1");
            }
        });

        var command = new Command("scan", "Scan events: detect, decide, and write findings, decisions and a summary")
        {
            inputs, output, store, policy, format, csvMap, hmacKey, allianceKey, quiet, threads,
        };
        command.SetAction((parse, ct) => RunAsync(new ScanSettings(
            parse.GetValue(inputs)!, parse.GetValue(output)!, parse.GetValue(store), parse.GetValue(policy),
            parse.GetValue(csvMap), parse.GetValue(hmacKey), parse.GetValue(quiet), parse.GetValue(format) ?? ScanSettings.NdjsonFormat, parse.GetValue(threads), parse.GetValue(allianceKey)), ct));
        return command;
    }

    public static async Task<int> RunAsync(ScanSettings settings, CancellationToken cancellationToken)
    {
        var console = Consoles.Out;
        var error = Consoles.Error;

        EnforcementPolicy policy;
        CsvMapping? mapping;
        bool allCsv;
        try
        {
            policy = Engine.Policy(settings.Policy);
            (mapping, allCsv) = InputFormat(settings);
        }
        catch (Exception ex) when (ex is PolicyException or InvalidOperationException)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.Usage;
        }

        var sources = new List<IEventInput>();
        foreach (var path in settings.Inputs)
        {
            if (!File.Exists(path))
            {
                error.MarkupLineInterpolated($"[red]error:[/] {path}: no such file");
                continue;
            }

            var isCsv = allCsv || path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase);
            if (isCsv && mapping is null)
            {
                error.MarkupLineInterpolated($"[red]error:[/] {path}: CSV input needs --csv-map (a mapping file, or a preset: {string.Join(", ", CsvMapping.Presets)})");
                continue;
            }

            sources.Add(isCsv ? new CsvEventInput(path, mapping!) : new NdjsonInput(path));
        }

        if (sources.Count < settings.Inputs.Count)
        {
            // A mistyped path must not give a "successful" scan of the other inputs.
            error.MarkupLine("[red]error:[/] not every input could be used; nothing was scanned");
            return ExitCodes.Usage;
        }

        Directory.CreateDirectory(settings.Out);
        var storePath = settings.Store ?? Path.Combine(settings.Out, "clearwind.db");
        IClearwindStore store;
        try
        {
            store = await Engine.OpenStoreAsync(storePath, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidDataException or InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException or TimeoutException)
        {
            error.MarkupLineInterpolated($"[red]error:[/] store {StoreLocation.Describe(storePath)}: {ex.Message}");
            return ExitCodes.Usage;
        }

        await using var storeScope = store;
        IdentifierKeyer keyer;
        AllianceHasher? hasher;
        var alliance = await AllianceBook.ReadAsync(store.Journal, cancellationToken);
        try
        {
            keyer = await Engine.KeyerAsync(settings.HmacKey, store.Metadata, cancellationToken);
            hasher = AllianceHasher.FromOptionOrEnvironment(settings.AllianceKey);
            if (hasher is not null)
            {
                keyer.Alliance = new AllianceLinks(hasher);
                keyer.Alliance.Remember(alliance.Links.Values);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.Usage;
        }

        Scanning.ScanResult result;
        try
        {
            _ = policy.BuildPipeline(DetectorCatalog.BuiltIn); // Refuse a bad policy before reading anything.
            // Partners' active entries, matched by alliance.listed (an empty watchlist when nothing was imported).
            var watchlist = AllianceWatchlist.Build(alliance, hasher, TimeProvider.System.GetUtcNow(), keyer.Alliance);
            DetectionPipeline NewPipeline()
            {
                var builder = new DetectionPipelineBuilder { Parallelism = settings.DetectorThreads };
                builder.Shared.GetOrAdd(AllianceWatchlist.SharedKey, () => watchlist);
                return policy.BuildPipeline(DetectorCatalog.BuiltIn, builder);
            }

            var job = new ScanJob(store, NewPipeline, new Decider(policy), keyer);
            var shown = 0;
            job.ProblemFound += p =>
            {
                if (shown++ < ProblemsShown)
                {
                    error.MarkupLineInterpolated($"[yellow]skipped[/] {p.ToString()}");
                }
            };
            result = await ScanProgressDisplay.RunAsync(job, sources, settings.Quiet, cancellationToken);
            if (shown > ProblemsShown)
            {
                error.MarkupLineInterpolated($"[yellow]… and {shown - ProblemsShown} more problem lines; all are listed in {Path.Combine(settings.Out, OutputWriter.ProblemsFile)}[/]");
            }
        }
        catch (PolicyException ex)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // The store holds whole batches only: what it acknowledged before the failure is intact.
            error.MarkupLineInterpolated($"[red]error:[/] store {StoreLocation.Describe(storePath)}: {ex.Message}; events stored before the failure are kept, findings and decisions were not written");
            return ExitCodes.Failure;
        }

        if (!result.ReadAnything)
        {
            var lines = result.Inputs.Sum(i => i.Lines);
            OutputWriter.WriteProblems(settings.Out, result.Problems);
            error.MarkupLineInterpolated($"[red]error:[/] no usable event in the input ({lines} non-blank lines: {result.BadLines} malformed, {result.Inputs.Sum(i => i.UnknownTypes)} of unknown type); no findings or decisions were written");
            return ExitCodes.Usage;
        }

        OutputWriter.Write(settings.Out, result);
        SummaryTable.Render(console, result, settings.Out);
        return ExitCodes.Ok;
    }

    /// <summary>The CSV mapping to use (if any) and whether every input is CSV whatever its name, from --format and --csv-map.</summary>
    /// <exception cref="InvalidOperationException">The format is unknown, or does not go with --csv-map; the message says why.</exception>
    private static (CsvMapping? Mapping, bool AllCsv) InputFormat(ScanSettings settings)
    {
        var format = settings.Format;
        if (string.Equals(format, ScanSettings.NdjsonFormat, StringComparison.OrdinalIgnoreCase))
        {
            return (settings.CsvMap is null ? null : CsvMapping.Load(settings.CsvMap), false);
        }

        if (string.Equals(format, ScanSettings.CsvFormat, StringComparison.OrdinalIgnoreCase))
        {
            return settings.CsvMap is null
                ? throw new InvalidOperationException("--format csv needs --csv-map (a mapping file, or a preset: " + string.Join(", ", CsvMapping.Presets) + ")")
                : (CsvMapping.Load(settings.CsvMap), true);
        }

        if (string.Equals(format, ScanSettings.TaobaoUserBehaviorFormat, StringComparison.OrdinalIgnoreCase))
        {
            return settings.CsvMap is null
                ? (CsvMapping.Load(CsvMapping.TaobaoUserBehaviorPreset), true)
                : throw new InvalidOperationException($"--format {ScanSettings.TaobaoUserBehaviorFormat} brings its own column mapping; leave out --csv-map (or use --format csv --csv-map FILE)");
        }

        throw new InvalidOperationException($"unknown --format '{format}'; use one of: {string.Join(", ", ScanSettings.Formats)}");
    }
}

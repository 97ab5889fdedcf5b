using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Clearwind.Policy;
using Clearwind.Scanning;
using Clearwind.Signals;

namespace Clearwind.Output;

/// <summary>
/// Writes a scan's SPEC §8 files into a folder: <c>findings.ndjson</c>, <c>decisions.ndjson</c>, <c>summary.json</c>,
/// <c>listing_signals.csv</c>, <c>shop_health.csv</c>, <c>report.html</c>, and <c>problems.ndjson</c> when some lines could not be used. Each file is written to a temporary name and
/// then moved into place, so a crash never leaves a half-written output.
/// </summary>
public static class OutputWriter
{
    /// <summary>File names written.</summary>
    public const string FindingsFile = "findings.ndjson", DecisionsFile = "decisions.ndjson", SummaryFile = "summary.json", ProblemsFile = "problems.ndjson";

    /// <summary>Search signal files written.</summary>
    public const string ListingSignalsFile = "listing_signals.csv", ShopHealthFile = "shop_health.csv";

    /// <summary>The self-contained HTML report (<see cref="ReportWriter"/>).</summary>
    public const string ReportFile = "report.html";

    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes every output of <paramref name="result"/> into <paramref name="directory"/>.</summary>
    public static void Write(string directory, ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        WriteAtomically(Path.Combine(directory, FindingsFile), w =>
        {
            foreach (var f in result.Findings)
            {
                w.Write(OutputJson.Write(f));
                w.Write('\n');
            }
        });
        WriteAtomically(Path.Combine(directory, DecisionsFile), w =>
        {
            foreach (var d in result.Decisions)
            {
                w.Write(OutputJson.Write(d));
                w.Write('\n');
            }
        });
        WriteAtomically(Path.Combine(directory, SummaryFile), w => w.Write(Summary(result)));
        WriteAtomically(Path.Combine(directory, ListingSignalsFile), w => SignalsCsv.WriteListings(w, result.Signals.Listings));
        WriteAtomically(Path.Combine(directory, ShopHealthFile), w => SignalsCsv.WriteShops(w, result.Signals.Shops));
        WriteAtomically(Path.Combine(directory, ReportFile), w => ReportWriter.Write(w, result));

        WriteProblems(directory, result.Problems);
    }

    /// <summary>Writes <c>problems.ndjson</c> (input, line, error), or removes a stale one when there are none.</summary>
    public static void WriteProblems(string directory, IReadOnlyList<InputProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var path = Path.Combine(directory, ProblemsFile);
        if (problems.Count == 0)
        {
            File.Delete(path);
            return;
        }

        Directory.CreateDirectory(directory);
        WriteAtomically(path, w =>
        {
            foreach (var p in problems)
            {
                w.Write(ProblemLine(p));
                w.Write('\n');
            }
        });
    }

    /// <summary>The <c>summary.json</c> text.</summary>
    public static string Summary(ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            w.WriteStartObject();
            w.WriteStartArray("inputs");
            foreach (var input in result.Inputs)
            {
                w.WriteStartObject();
                w.WriteString("name", input.Name);
                w.WriteNumber("lines", input.Lines);
                w.WriteNumber("events", input.Events);
                w.WriteNumber("duplicates", input.Duplicates);
                w.WriteNumber("unknown_types", input.UnknownTypes);
                w.WriteNumber("bad_lines", input.BadLines);
                w.WriteBoolean("read_to_end", input.ReadToEnd);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("events");
            w.WriteNumber("read", result.EventsRead);
            w.WriteNumber("new", result.NewEvents);
            w.WriteNumber("duplicates", result.Duplicates);
            w.WriteNumber("stored", result.StoredEvents);
            w.WriteNumber("processed", result.ProcessedEvents);
            WriteCounts(w, "by_type", result.EventsByType);
            w.WriteEndObject();
            WriteCounts(w, "unknown_types", result.UnknownTypes);
            w.WriteNumber("bad_lines", result.BadLines);
            w.WriteStartObject("findings");
            w.WriteNumber("total", result.Findings.Count);
            WriteCounts(w, "by_pattern", Count(result.Findings.Select(f => f.Pattern)));
            w.WriteEndObject();
            w.WriteStartObject("decisions");
            w.WriteNumber("total", result.Decisions.Count);
            w.WriteNumber("new", result.NewDecisions);
            // The seal of decisions.ndjson (DecisionLogSeal): with total, `clearwind verify` sees lines cut from its end.
            w.WriteString("head", result.Decisions.Count > 0 ? result.Decisions[^1].Hash : DecisionChain.Genesis);
            WriteCounts(w, "by_action", Count(result.Decisions.Select(d => d.Action)));
            w.WriteEndObject();
            w.WriteStartObject("detector_faults");
            foreach (var (pattern, fault) in result.DetectorFaults.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject(pattern);
                w.WriteNumber("count", fault.Count);
                w.WriteString("first", fault.First);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteNumber("elapsed_ms", Math.Round(result.Elapsed.TotalMilliseconds, 1));
            w.WriteNumber("events_per_second", Math.Round(EventsPerSecond(result), 0));
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Events processed per second of wall time.</summary>
    public static double EventsPerSecond(ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Elapsed.TotalSeconds > 0 ? result.ProcessedEvents / result.Elapsed.TotalSeconds : 0;
    }

    /// <summary>Counts values, ordinal order.</summary>
    public static SortedDictionary<string, long> Count(IEnumerable<string> values)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }

        return counts;
    }

    private static string ProblemLine(InputProblem p)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Compact))
        {
            w.WriteStartObject();
            w.WriteString("input", p.Input);
            w.WriteNumber("line", p.Line);
            w.WriteString("error", p.Message);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteCounts(Utf8JsonWriter w, string name, IEnumerable<KeyValuePair<string, long>> counts)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in counts)
        {
            w.WriteNumber(key, value);
        }

        w.WriteEndObject();
    }

    private static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            write(writer);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}

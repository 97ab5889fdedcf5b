using System.Text.Json;
using Clearwind.Output;

namespace Clearwind.Cli.Tests.Support;

/// <summary>Reads what a scan wrote into its <c>--out</c> folder.</summary>
internal sealed class ScanOutputs(string folder)
{
    public const string Concentration = "order_brushing.concentration";

    public string Folder { get; } = folder;

    public string FindingsPath => Path.Combine(Folder, OutputWriter.FindingsFile);

    public string DecisionsPath => Path.Combine(Folder, OutputWriter.DecisionsFile);

    public string SummaryPath => Path.Combine(Folder, OutputWriter.SummaryFile);

    public string ProblemsPath => Path.Combine(Folder, OutputWriter.ProblemsFile);

    public string StorePath => Path.Combine(Folder, "clearwind.db");

    public IReadOnlyList<JsonElement> Findings => ReadNdjson(FindingsPath);

    public IReadOnlyList<JsonElement> Decisions => ReadNdjson(DecisionsPath);

    /// <summary>The lines of <c>problems.ndjson</c>; none when the file is absent.</summary>
    public IReadOnlyList<JsonElement> Problems => File.Exists(ProblemsPath) ? ReadNdjson(ProblemsPath) : [];

    public JsonElement Summary
    {
        get
        {
            using var document = JsonDocument.Parse(File.ReadAllText(SummaryPath));
            return document.RootElement.Clone();
        }
    }

    /// <summary>Shops named as the entity of an <c>order_brushing.concentration</c> finding.</summary>
    public SortedSet<string> BrushingShops => new(
        Findings.Where(f => f.GetProperty("pattern").GetString() == Concentration && f.GetProperty("entity").GetProperty("type").GetString() == "shop")
            .Select(f => f.GetProperty("entity").GetProperty("id").GetString()!),
        StringComparer.Ordinal);

    /// <summary>The concentration findings about one shop.</summary>
    public IReadOnlyList<JsonElement> FindingsAbout(string shop) =>
        [.. Findings.Where(f => f.GetProperty("pattern").GetString() == Concentration && f.GetProperty("entity").GetProperty("id").GetString() == shop)];

    /// <summary>True when one of the output files names the id anywhere (entity, related or decision).</summary>
    public bool Mentions(string id)
        => Findings.Concat(Decisions).Any(e => e.GetRawText().Contains($"\"{id}\"", StringComparison.Ordinal));

    private static List<JsonElement> ReadNdjson(string path)
    {
        var elements = new List<JsonElement>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            elements.Add(document.RootElement.Clone());
        }

        return elements;
    }
}

using System.Globalization;
using System.Text.Json;

namespace Clearwind.Cli.Input;

/// <summary>
/// How CSV columns become SPEC §7 event fields. Read from a JSON file, or one of the presets (<c>shopee</c>).
/// </summary>
internal sealed record CsvMapping
{
    /// <summary>The event type of every row, unless <see cref="TypeColumn"/> is given.</summary>
    public string? Type { get; init; }

    /// <summary>A column holding each row's event type.</summary>
    public string? TypeColumn { get; init; }

    /// <summary>Column name → event field name (e.g. <c>userid → buyer</c>, <c>event_time → ts</c>).</summary>
    public Dictionary<string, string> Columns { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Column holding a unique id; without it the id is derived from the row's content (repeats dedupe).</summary>
    public string? IdColumn { get; init; }

    /// <summary>Prefix of ids taken from <see cref="IdColumn"/> (so order ids do not clash with other ids).</summary>
    public string IdPrefix { get; init; } = "";

    /// <summary>Exact format of the time column when it has no offset (e.g. <c>yyyy-MM-dd HH:mm:ss</c>).</summary>
    public string? TsFormat { get; init; }

    /// <summary>Offset assumed with <see cref="TsFormat"/> (e.g. <c>+08:00</c>).</summary>
    public string TsOffset { get; init; } = "+00:00";

    /// <summary>Field separator.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The Shopee Code League 2020 order file: <c>orderid,shopid,userid,event_time</c> (times in UTC+8).</summary>
    public static CsvMapping Shopee { get; } = new()
    {
        Type = "order.placed",
        Columns = new(StringComparer.Ordinal) { ["orderid"] = "order", ["shopid"] = "shop", ["userid"] = "buyer", ["event_time"] = "ts" },
        IdColumn = "orderid",
        IdPrefix = "order.placed:",
        TsFormat = "yyyy-MM-dd HH:mm:ss",
        TsOffset = "+08:00",
    };

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    /// <summary>A preset name or a JSON mapping file.</summary>
    /// <exception cref="InvalidOperationException">The mapping cannot be read or is incomplete; the message says why.</exception>
    public static CsvMapping Load(string nameOrPath)
    {
        if (string.Equals(nameOrPath, "shopee", StringComparison.OrdinalIgnoreCase))
        {
            return Shopee;
        }

        CsvMapping? mapping;
        try
        {
            mapping = JsonSerializer.Deserialize<CsvMapping>(File.ReadAllText(nameOrPath), Json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidOperationException($"CSV mapping {nameOrPath}: {ex.Message}", ex);
        }

        return (mapping ?? throw new InvalidOperationException($"CSV mapping {nameOrPath} is empty")).Validated(nameOrPath);
    }

    /// <summary>Parses the offset for <see cref="TsFormat"/>.</summary>
    public TimeSpan Offset => TimeSpan.Parse(TsOffset.TrimStart('+'), CultureInfo.InvariantCulture) * (TsOffset.StartsWith('-') ? -1 : 1);

    private CsvMapping Validated(string source)
    {
        if ((Type is null) == (TypeColumn is null))
        {
            throw new InvalidOperationException($"CSV mapping {source}: give exactly one of \"type\" or \"type_column\"");
        }

        if (!Columns.ContainsValue("ts"))
        {
            throw new InvalidOperationException($"CSV mapping {source}: one column must map to \"ts\"");
        }

        try
        {
            _ = Offset;
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"CSV mapping {source}: ts_offset must look like +08:00");
        }

        return this;
    }
}

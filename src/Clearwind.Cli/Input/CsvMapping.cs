using System.Globalization;
using System.Text.Json;
using nietras.SeparatedValues;

namespace Clearwind.Cli.Input;

/// <summary>
/// How CSV columns become SPEC §7 event fields. Read from a JSON file, or one of the presets (<c>shopee</c>,
/// <c>taobao-userbehavior</c>).
/// </summary>
internal sealed record CsvMapping
{
    /// <summary><see cref="TsFormat"/> for whole Unix epoch seconds.</summary>
    public const string UnixSeconds = "unix_seconds";

    /// <summary><see cref="TsFormat"/> for whole Unix epoch milliseconds.</summary>
    public const string UnixMilliseconds = "unix_ms";

    /// <summary>The name of the <see cref="Shopee"/> preset.</summary>
    public const string ShopeePreset = "shopee";

    /// <summary>The name of the <see cref="TaobaoUserBehavior"/> preset.</summary>
    public const string TaobaoUserBehaviorPreset = "taobao-userbehavior";

    /// <summary>The event type of every row, unless <see cref="TypeColumn"/> is given.</summary>
    public string? Type { get; init; }

    /// <summary>A column holding each row's event type.</summary>
    public string? TypeColumn { get; init; }

    /// <summary>
    /// Values of <see cref="TypeColumn"/> → event type (e.g. <c>pv → listing.viewed</c>). When given, a row whose value
    /// is not listed is malformed; without it the column holds the type itself.
    /// </summary>
    public Dictionary<string, string>? TypeValues { get; init; }

    /// <summary>Column name → event field name (e.g. <c>userid → buyer</c>, <c>event_time → ts</c>).</summary>
    public Dictionary<string, string> Columns { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Event field name → <see cref="CsvTemplate"/> (e.g. <c>shop → "item:{item_id}"</c>, <c>order → "{id}"</c>).</summary>
    public Dictionary<string, string> Fields { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Event type → columns and fields that apply to rows of that type only, on top of the general ones.</summary>
    public Dictionary<string, CsvTypeMapping> ByType { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Column holding a unique id; without it the id is derived from the row's content (repeats dedupe).</summary>
    public string? IdColumn { get; init; }

    /// <summary>Prefix of ids taken from <see cref="IdColumn"/> (so order ids do not clash with other ids).</summary>
    public string IdPrefix { get; init; } = "";

    /// <summary>
    /// Exact format of the time column when it has no offset (e.g. <c>yyyy-MM-dd HH:mm:ss</c>), or
    /// <see cref="UnixSeconds"/> / <see cref="UnixMilliseconds"/>.
    /// </summary>
    public string? TsFormat { get; init; }

    /// <summary>
    /// Offset assumed with <see cref="TsFormat"/> (e.g. <c>+08:00</c>); for Unix times, which are instants, the offset
    /// the times are written with.
    /// </summary>
    public string TsOffset { get; init; } = "+00:00";

    /// <summary>Field separator.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>False when the first line is already data; the columns are then named by <see cref="ColumnNames"/>.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The names of the columns, in order, for a file without a header; every row must have exactly these.</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

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

    /// <summary>
    /// Alibaba Tianchi's Taobao "UserBehavior" file: no header, <c>user_id,item_id,category_id,behavior_type,timestamp</c>,
    /// behaviours pv/fav/cart/buy, Unix seconds (China time, UTC+8). <c>cart</c> has no SPEC §7 type: it becomes
    /// <c>cart.added</c>, counted as an unknown type and skipped. The data has no shops nor order ids: an order's shop
    /// is a stand-in for the shop of its item (<c>item:ITEM</c>; a listing has one shop, so this never groups orders of
    /// unrelated listings) and its order id is the event id.
    /// </summary>
    public static CsvMapping TaobaoUserBehavior { get; } = new()
    {
        HasHeader = false,
        ColumnNames = ["user_id", "item_id", "category_id", "behavior_type", "timestamp"],
        TypeColumn = "behavior_type",
        TypeValues = new(StringComparer.Ordinal)
        {
            ["pv"] = "listing.viewed",
            ["fav"] = "listing.liked",
            ["cart"] = "cart.added",
            ["buy"] = "order.placed",
        },
        Columns = new(StringComparer.Ordinal) { ["user_id"] = "account", ["item_id"] = "listing", ["category_id"] = "category", ["timestamp"] = "ts" },
        ByType = new(StringComparer.Ordinal)
        {
            ["order.placed"] = new()
            {
                Columns = new(StringComparer.Ordinal) { ["user_id"] = "buyer" },
                Fields = new(StringComparer.Ordinal) { ["order"] = "{id}", ["shop"] = "item:{item_id}" },
            },
        },
        TsFormat = UnixSeconds,
        TsOffset = "+08:00",
    };

    /// <summary>The preset names, for messages.</summary>
    public static IReadOnlyList<string> Presets { get; } = [ShopeePreset, TaobaoUserBehaviorPreset];

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
        if (string.Equals(nameOrPath, ShopeePreset, StringComparison.OrdinalIgnoreCase))
        {
            return Shopee.Validated(ShopeePreset);
        }

        if (string.Equals(nameOrPath, TaobaoUserBehaviorPreset, StringComparison.OrdinalIgnoreCase))
        {
            return TaobaoUserBehavior.Validated(TaobaoUserBehaviorPreset);
        }

        string text;
        try
        {
            text = File.ReadAllText(nameOrPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"CSV mapping {nameOrPath}: {ex.Message}", ex);
        }

        return Parse(text, nameOrPath);
    }

    /// <summary>A JSON mapping's text; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidOperationException">The mapping cannot be read or is incomplete; the message says why.</exception>
    public static CsvMapping Parse(string json, string source)
    {
        CsvMapping? mapping;
        try
        {
            mapping = JsonSerializer.Deserialize<CsvMapping>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"CSV mapping {source}: {ex.Message}", ex);
        }

        return (mapping ?? throw new InvalidOperationException($"CSV mapping {source} is empty")).Validated(source);
    }

    /// <summary>Parses the offset for <see cref="TsFormat"/>.</summary>
    public TimeSpan Offset => TimeSpan.Parse(TsOffset.TrimStart('+'), CultureInfo.InvariantCulture) * (TsOffset.StartsWith('-') ? -1 : 1);

    /// <summary>
    /// The columns of rows of <paramref name="type"/>, in order: the general ones, with a field replaced where
    /// <see cref="ByType"/> maps the same column, then the type's own further columns.
    /// </summary>
    public List<KeyValuePair<string, string>> ColumnsFor(string type)
    {
        var columns = new List<KeyValuePair<string, string>>(Columns);
        if (ByType.TryGetValue(type, out var own))
        {
            foreach (var (column, field) in own.Columns)
            {
                var at = columns.FindIndex(c => c.Key == column);
                if (at >= 0)
                {
                    columns[at] = new(column, field);
                }
                else
                {
                    columns.Add(new(column, field));
                }
            }
        }

        return columns;
    }

    /// <summary>The templated fields of rows of <paramref name="type"/>: the general ones, overridden by the type's own.</summary>
    public Dictionary<string, string> FieldsFor(string type)
    {
        var fields = new Dictionary<string, string>(Fields, StringComparer.Ordinal);
        if (ByType.TryGetValue(type, out var own))
        {
            foreach (var (field, template) in own.Fields)
            {
                fields[field] = template;
            }
        }

        return fields;
    }

    /// <summary>Every column the mapping reads, each once.</summary>
    public IEnumerable<string> ReferencedColumns()
    {
        var templates = Fields.Values.Concat(ByType.Values.SelectMany(t => t.Fields.Values));
        return Columns.Keys
            .Concat(ByType.Values.SelectMany(t => t.Columns.Keys))
            .Concat(templates.SelectMany(t => CsvTemplate.Parse(t).Columns))
            .Append(TypeColumn)
            .Append(IdColumn)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
    }

    private CsvMapping Validated(string source)
    {
        string Problem(string message) => $"CSV mapping {source}: {message}";

        // JSON null reaches what the defaults would otherwise fill; nothing below expects it.
        if (Columns is null || Fields is null || ByType is null || TsOffset is null || IdPrefix is null
            || ByType.Values.Any(t => t is null || t.Columns is null || t.Fields is null))
        {
            throw new InvalidOperationException(Problem("\"columns\", \"fields\", \"by_type\" (and each of its blocks), \"ts_offset\" and \"id_prefix\" may be left out but not null"));
        }

        var nullName = Columns.Concat(ByType.Values.SelectMany(t => t.Columns)).Any(c => string.IsNullOrEmpty(c.Value))
            || Fields.Concat(ByType.Values.SelectMany(t => t.Fields)).Any(f => f.Value is null)
            || TypeValues?.Keys.Any(k => k is null) == true;
        if (nullName)
        {
            throw new InvalidOperationException(Problem("every column must map to a field name and every field to a template"));
        }

        try
        {
            _ = Sep.New(Delimiter);
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException(Problem("\"delimiter\" cannot separate CSV fields (a quote, a line break or a character outside printable ASCII?)"));
        }

        if ((Type is null) == (TypeColumn is null))
        {
            throw new InvalidOperationException(Problem("give exactly one of \"type\" or \"type_column\""));
        }

        if (TypeValues is not null && (TypeColumn is null || TypeValues.Count == 0 || TypeValues.Values.Any(string.IsNullOrWhiteSpace)))
        {
            throw new InvalidOperationException(Problem("\"type_values\" needs \"type_column\" and maps each value to an event type"));
        }

        if (!Columns.ContainsValue("ts"))
        {
            throw new InvalidOperationException(Problem("one column must map to \"ts\""));
        }

        TimeSpan offset;
        try
        {
            offset = Offset;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new InvalidOperationException(Problem("ts_offset must look like +08:00"), ex);
        }

        if (offset.Duration() > TimeSpan.FromHours(14) || offset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new InvalidOperationException(Problem("ts_offset must be whole minutes from -14:00 to +14:00"));
        }

        if (TsFormat is not (null or UnixSeconds or UnixMilliseconds))
        {
            try
            {
                // Writing a time walks the whole pattern, so an unknown one-letter format or an unclosed quote fails here.
                _ = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Unspecified).ToString(TsFormat, CultureInfo.InvariantCulture);
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException(Problem($"\"ts_format\" must be a date and time pattern such as yyyy-MM-dd HH:mm:ss, or {UnixSeconds} or {UnixMilliseconds}"), ex);
            }
        }

        var types = Type is not null ? [Type] : TypeValues?.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var type in ByType.Keys)
        {
            if (types is not null && !types.Contains(type))
            {
                throw new InvalidOperationException(Problem($"\"by_type\" names \"{type}\", which no row can have (the types are {string.Join(", ", types.Order(StringComparer.Ordinal))})"));
            }
        }

        foreach (var type in ByType.Keys.Prepend(""))
        {
            CheckFields(type, Problem);
        }

        if (HasHeader && ColumnNames is not null)
        {
            throw new InvalidOperationException(Problem("\"column_names\" is for a file without a header (\"has_header\": false)"));
        }

        if (!HasHeader)
        {
            if (ColumnNames is not { Count: > 0 } || ColumnNames.Any(string.IsNullOrEmpty) || ColumnNames.Distinct(StringComparer.Ordinal).Count() != ColumnNames.Count)
            {
                throw new InvalidOperationException(Problem("a file without a header needs \"column_names\": a name for each column, all different"));
            }

            var unknown = ReferencedColumns().Where(c => !ColumnNames.Contains(c, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException(Problem($"\"column_names\" has no column {string.Join(", ", unknown.Select(c => $"\"{c}\""))} named in the mapping"));
            }
        }

        return this;
    }

    // One type's fields come from a column or a template, never both; id and type have options of their own.
    private void CheckFields(string type, Func<string, string> problem)
    {
        var where = type.Length == 0 ? "" : $" (\"by_type\" \"{type}\")";
        var fromColumns = ColumnsFor(type).Select(c => c.Value).ToList();
        var fields = FieldsFor(type);
        foreach (var (field, template) in fields)
        {
            try
            {
                _ = CsvTemplate.Parse(template);
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException(problem($"field \"{field}\"{where}: {ex.Message}"), ex);
            }
        }

        var targets = fromColumns.Concat(fields.Keys).ToList();
        var reserved = targets.FirstOrDefault(f => f is "id" or "type");
        if (reserved is not null)
        {
            throw new InvalidOperationException(problem($"no column or field may set \"{reserved}\"{where}: use \"{reserved}_column\" (or let ids derive from the row)"));
        }

        var twice = targets.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidOperationException(problem($"field \"{twice.Key}\" is set twice{where}"));
        }
    }
}

/// <summary>Columns and fields for the rows of one event type (<see cref="CsvMapping.ByType"/>).</summary>
internal sealed record CsvTypeMapping
{
    /// <summary>Column name → event field name; a column also in the general columns gets this field instead.</summary>
    public Dictionary<string, string> Columns { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Event field name → <see cref="CsvTemplate"/>; replaces a general field of the same name (<c>""</c> drops it).</summary>
    public Dictionary<string, string> Fields { get; init; } = new(StringComparer.Ordinal);
}

using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Ingest;
using nietras.SeparatedValues;

namespace Clearwind.Cli.Input;

/// <summary>
/// CSV rows turned into events through a <see cref="CsvMapping"/>: each row becomes the same JSON object an NDJSON
/// line would be, and goes through the same parser, so the same checks and messages apply. Blank lines are skipped.
/// </summary>
internal sealed class CsvEventInput(string name, Func<Stream> open, long? length, CsvMapping mapping) : IEventInput
{
    // The largest whole seconds and milliseconds a DateTimeOffset can hold (the end of year 9999).
    private const long MaxUnixSeconds = 253_402_300_799;
    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    /// <summary>Reads a file (plain or gzip).</summary>
    public CsvEventInput(string path, CsvMapping mapping)
        : this(path, () => InputFiles.Open(path), File.Exists(path) ? new FileInfo(path).Length : null, mapping)
    {
    }

    public string Name { get; } = name;

    public long? Length { get; } = length;

    public IEnumerable<InputRecord> Read(Action<long>? bytesRead = null, Func<MarketEvent, MarketEvent>? prepare = null, bool serialize = false)
    {
        using var stream = open();
        using var reader = OpenReader(stream);
        if (reader is null)
        {
            yield return new InputRecord(1, new ParseResult(ParseStatus.Malformed, null, null, "the header cannot be read: it names a column twice"));
            yield break;
        }

        var header = reader.Header;
        var names = mapping.ColumnNames ?? [];
        int IndexOf(string column) => mapping.HasHeader
            ? (header.TryIndexOf(column, out var at) ? at : -1)
            : names.ToList().IndexOf(column);

        var missing = mapping.ReferencedColumns().Where(c => IndexOf(c) < 0).ToList();
        if (missing.Count > 0)
        {
            yield return new InputRecord(1, new ParseResult(ParseStatus.Malformed, null, null,
                $"the header has no column {string.Join(", ", missing.Select(c => $"\"{c}\""))} named in the mapping"));
            yield break;
        }

        var columnIndex = mapping.ReferencedColumns().ToDictionary(c => c, IndexOf, StringComparer.Ordinal);
        var general = RowPlan.For(mapping, "", columnIndex);
        var plans = mapping.ByType.Keys.ToDictionary(t => t, t => RowPlan.For(mapping, t, columnIndex), StringComparer.Ordinal);
        var cells = new string[columnIndex.Count == 0 ? 0 : columnIndex.Values.Max() + 1];
        var typeIndex = mapping.TypeColumn is null ? -1 : columnIndex[mapping.TypeColumn];
        var idIndex = mapping.IdColumn is null ? -1 : columnIndex[mapping.IdColumn];
        var offset = mapping.Offset;
        var buffer = new ArrayBufferWriter<byte>(512);
        var fields = new List<(string Field, string Value)>(8);
        var count = 0;
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (++count % 8192 == 0 && bytesRead is not null && stream.CanSeek)
            {
                bytesRead(stream.Position);
            }

            if (row.ColCount == 1 && row[0].Span.IsEmpty)
            {
                continue;
            }

            var error = !mapping.HasHeader && row.ColCount != names.Count
                ? $"row has {row.ColCount} columns; expected {names.Count} ({string.Join(",", names)})"
                : null;
            foreach (var (_, index) in columnIndex)
            {
                if (index >= row.ColCount)
                {
                    error ??= $"row has {row.ColCount} columns; the mapping needs column {index + 1}";
                    break;
                }

                cells[index] = row[index].ToString();
            }

            error ??= ToFields(cells, typeIndex, idIndex, general, plans, offset, fields);
            ParseResult result;
            if (error is null)
            {
                buffer.ResetWrittenCount();
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartObject();
                    foreach (var (field, value) in fields)
                    {
                        json.WriteString(field, value);
                    }

                    json.WriteEndObject();
                }

                result = EventParser.Parse(buffer.WrittenSpan).Prepare(prepare, serialize, buffer.WrittenSpan);
            }
            else
            {
                result = new ParseResult(ParseStatus.Malformed, null, null, error);
            }

            yield return new InputRecord(line, result);
        }
    }

    // Sep reads the header as it opens the file and refuses one that names a column twice: null then.
    private SepReader? OpenReader(Stream stream)
    {
        try
        {
            return Sep.New(mapping.Delimiter)
                .Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = mapping.HasHeader })
                .From(stream);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// One row's event fields (type first, id last), or why the row cannot be an event. Errors name columns and
    /// fields, never the row's content.
    /// </summary>
    private string? ToFields(
        string[] cells, int typeIndex, int idIndex, RowPlan general, Dictionary<string, RowPlan> plans, TimeSpan offset,
        List<(string Field, string Value)> fields)
    {
        fields.Clear();
        var type = mapping.Type ?? "";
        if (typeIndex >= 0)
        {
            type = cells[typeIndex];
            if (mapping.TypeValues is { } values && !values.TryGetValue(type, out type))
            {
                return $"column {mapping.TypeColumn}: a value \"type_values\" does not list (it lists {string.Join(", ", values.Keys)})";
            }
        }

        fields.Add(("type", type));
        var plan = plans.GetValueOrDefault(type) ?? general;
        var parts = new string[plan.Columns.Count + 1];
        parts[0] = type;
        for (var i = 0; i < plan.Columns.Count; i++)
        {
            var (index, field) = plan.Columns[i];
            var value = cells[index];
            parts[i + 1] = value;
            if (field == "ts" && mapping.TsFormat is not null)
            {
                var time = ReadTime(value, offset);
                if (time is null)
                {
                    return mapping.TsFormat switch
                    {
                        CsvMapping.UnixSeconds => "column for ts: not whole Unix epoch seconds",
                        CsvMapping.UnixMilliseconds => "column for ts: not whole Unix epoch milliseconds",
                        _ => $"column for ts: not in the format {mapping.TsFormat}",
                    };
                }

                value = EventTimeConverter.Format(time.Value);
            }

            if (value.Length > 0)
            {
                fields.Add((field, value));
            }
        }

        // Without an id column the id is the row's content: the same row read again is the same event.
        var id = idIndex >= 0 ? mapping.IdPrefix + cells[idIndex] : type + ":" + StableHash.Hex(parts);
        foreach (var (field, template) in plan.Fields)
        {
            var value = template.Expand(name => name == CsvTemplate.IdPlaceholder ? id : cells[plan.ColumnIndex[name]]);
            if (!string.IsNullOrEmpty(value))
            {
                fields.Add((field, value));
            }
        }

        fields.Add(("id", id));
        return null;
    }

    private DateTimeOffset? ReadTime(string value, TimeSpan offset)
    {
        try
        {
            return ReadTimeAt(value, offset);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
        {
            // A time that, at the mapping's offset, falls outside years 1–9999, or a pattern part only parsing reaches and
            // cannot use (the mapping's check writes a time, not reads one): the row's time is unreadable.
            return null;
        }
    }

    private DateTimeOffset? ReadTimeAt(string value, TimeSpan offset)
    {
        switch (mapping.TsFormat)
        {
            case CsvMapping.UnixSeconds:
                return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s <= MaxUnixSeconds
                    ? DateTimeOffset.FromUnixTimeSeconds(s).ToOffset(offset)
                    : null;
            case CsvMapping.UnixMilliseconds:
                return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= MaxUnixMilliseconds
                    ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(offset)
                    : null;
            default:
                return DateTime.TryParseExact(value, mapping.TsFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                    ? new DateTimeOffset(local, offset)
                    : null;
        }
    }

    /// <summary>The columns (as indexes) and templated fields of the rows of one event type.</summary>
    private sealed record RowPlan(
        IReadOnlyList<(int Index, string Field)> Columns,
        IReadOnlyList<(string Field, CsvTemplate Template)> Fields,
        Dictionary<string, int> ColumnIndex)
    {
        public static RowPlan For(CsvMapping mapping, string type, Dictionary<string, int> columnIndex) => new(
            [.. mapping.ColumnsFor(type).Select(c => (columnIndex[c.Key], c.Value))],
            [.. mapping.FieldsFor(type).Select(f => (f.Key, CsvTemplate.Parse(f.Value)))],
            columnIndex);
    }
}

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
/// line would be, and goes through the same parser, so the same checks and messages apply.
/// </summary>
internal sealed class CsvEventInput(string path, CsvMapping mapping) : IEventInput
{
    public string Name { get; } = path;

    public long? Length { get; } = File.Exists(path) ? new FileInfo(path).Length : null;

    public IEnumerable<InputRecord> Read(Action<long>? bytesRead = null, Func<MarketEvent, MarketEvent>? prepare = null)
    {
        using var stream = InputFiles.Open(Name);
        using var reader = Sep.New(mapping.Delimiter).Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = true }).From(stream);
        var header = reader.Header;
        var columns = new List<(int Index, string Field)>();
        var missing = mapping.Columns.Keys.Append(mapping.TypeColumn).Append(mapping.IdColumn)
            .Where(c => c is not null && !header.TryIndexOf(c, out _)).ToList();
        if (missing.Count > 0)
        {
            yield return new InputRecord(1, new ParseResult(ParseStatus.Malformed, null, null,
                $"the header has no column {string.Join(", ", missing.Select(c => $"\"{c}\""))} named in the mapping"));
            yield break;
        }

        foreach (var (column, field) in mapping.Columns)
        {
            columns.Add((header.IndexOf(column), field));
        }

        var typeIndex = mapping.TypeColumn is null ? -1 : header.IndexOf(mapping.TypeColumn);
        var idIndex = mapping.IdColumn is null ? -1 : header.IndexOf(mapping.IdColumn);
        var offset = mapping.Offset;
        var buffer = new ArrayBufferWriter<byte>(512);
        var count = 0;
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            string? error = null;
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                var type = typeIndex >= 0 && typeIndex < row.ColCount ? row[typeIndex].ToString() : mapping.Type ?? "";
                json.WriteString("type", type);
                string? id = null;
                if (idIndex >= 0 && idIndex < row.ColCount)
                {
                    id = mapping.IdPrefix + row[idIndex].ToString();
                }

                var parts = new List<string>(columns.Count + 1) { type };
                foreach (var (index, field) in columns)
                {
                    if (index >= row.ColCount)
                    {
                        error = $"row has {row.ColCount} columns; the mapping needs column {index + 1}";
                        break;
                    }

                    var value = row[index].ToString();
                    parts.Add(value);
                    if (field == "ts" && mapping.TsFormat is not null)
                    {
                        if (!DateTime.TryParseExact(value, mapping.TsFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                        {
                            error = $"column for ts: not in the format {mapping.TsFormat}";
                            break;
                        }

                        value = EventTimeConverter.Format(new DateTimeOffset(local, offset));
                    }

                    if (value.Length > 0)
                    {
                        json.WriteString(field, value);
                    }
                }

                json.WriteString("id", id ?? type + ":" + StableHash.Hex([.. parts]));
                json.WriteEndObject();
            }

            var result = error is null ? EventParser.Parse(buffer.WrittenSpan) : new ParseResult(ParseStatus.Malformed, null, null, error);
            result = result.Prepare(prepare);

            yield return new InputRecord(line, result);
            if (bytesRead is not null && ++count % 8192 == 0 && stream.CanSeek)
            {
                bytesRead(stream.Position);
            }
        }
    }
}

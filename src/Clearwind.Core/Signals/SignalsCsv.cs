using System.Globalization;
using System.Text;

namespace Clearwind.Signals;

/// <summary>Writes and reads <c>listing_signals.csv</c> and <c>shop_health.csv</c> (RFC 4180 quoting, invariant numbers).</summary>
public static class SignalsCsv
{
    /// <summary>The header of <c>listing_signals.csv</c>, exactly SPEC §8.</summary>
    public const string ListingHeader = "listing,shop,raw_sales,clean_sales,rank_multiplier,duplicate_group,representative";

    /// <summary>The header of <c>shop_health.csv</c>.</summary>
    public const string ShopHeader = "shop,health,raw_sales,clean_sales,fake_share,reputation_deducted,open_penalties,strikes,reasons";

    /// <summary>Writes <c>listing_signals.csv</c>.</summary>
    public static void WriteListings(TextWriter writer, IEnumerable<ListingSignal> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        writer.Write(ListingHeader + "\n");
        foreach (var r in rows)
        {
            writer.Write(string.Join(',', Field(r.Listing), Field(r.Shop), Number(r.RawSales), Number(r.CleanSales), Number(r.RankMultiplier), Field(r.DuplicateGroup), Field(r.Representative)));
            writer.Write('\n');
        }
    }

    /// <summary>Writes <c>shop_health.csv</c>.</summary>
    public static void WriteShops(TextWriter writer, IEnumerable<ShopHealth> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        writer.Write(ShopHeader + "\n");
        foreach (var r in rows)
        {
            writer.Write(string.Join(',', Field(r.Shop), Number(r.Health), Number(r.RawSales), Number(r.CleanSales), Number(r.FakeShare), Number(r.ReputationDeducted), Number(r.OpenPenalties), Number(r.Strikes), Field(r.Reasons)));
            writer.Write('\n');
        }
    }

    /// <summary>Reads <c>listing_signals.csv</c>; throws <see cref="FormatException"/> naming the line when it is not one.</summary>
    public static List<ListingSignal> ReadListings(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        if (header != ListingHeader)
        {
            throw new FormatException($"line 1: expected the header \"{ListingHeader}\"");
        }

        var rows = new List<ListingSignal>();
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var f = Split(line);
            if (f.Count != 7 || !int.TryParse(f[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var raw)
                || !int.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var clean)
                || !double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var multiplier))
            {
                throw new FormatException($"line {number}: not a listing_signals row");
            }

            rows.Add(new ListingSignal(f[0], f[1], raw, clean, multiplier, Empty(f[5]), Empty(f[6])));
        }

        return rows;
    }

    private static string? Empty(string s) => s.Length == 0 ? null : s;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}

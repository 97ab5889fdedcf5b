using System.CommandLine;
using System.Globalization;
using System.Text;
using Clearwind.Cli.Presentation;
using Clearwind.Ingest;
using Clearwind.OrderBrushing;
using nietras.SeparatedValues;
using Spectre.Console;

namespace Clearwind.Cli.Commands;

/// <summary>
/// <c>clearwind shopee ORDERS.csv --out submission.csv</c>: the Shopee Code League 2020 "Order Brushing" answer
/// (<c>shopid,userid</c> for every shop; <c>0</c> when clean; tied buyers ascending, joined by <c>&amp;</c>).
/// </summary>
internal static class ShopeeCommand
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static Command Create()
    {
        var orders = new Argument<string>("orders") { Description = "The competition's order file: orderid,shopid,userid,event_time" };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the answer CSV", Required = true };
        var command = new Command("shopee", "Answer the Shopee Code League 2020 order-brushing task with the order_brushing.concentration rule")
        {
            orders, output,
        };
        command.SetAction(parse => Run(parse.GetValue(orders)!, parse.GetValue(output)!));
        return command;
    }

    public static int Run(string ordersPath, string outputPath)
    {
        try
        {
            return Solve(ordersPath, outputPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Consoles.Error.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    private static int Solve(string ordersPath, string outputPath)
    {
        var error = Consoles.Error;
        if (!File.Exists(ordersPath))
        {
            error.MarkupLineInterpolated($"[red]error:[/] {ordersPath}: no such file");
            return ExitCodes.Usage;
        }

        var rows = new List<ShopeeOrder>();
        var bad = 0;
        using (var stream = InputFiles.Open(ordersPath))
        using (var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(stream))
        {
            string[] required = ["orderid", "shopid", "userid", "event_time"];
            var missing = required.Where(c => !reader.Header.TryIndexOf(c, out _)).ToList();
            if (missing.Count > 0)
            {
                error.MarkupLineInterpolated($"[red]error:[/] {ordersPath}: the header lacks {string.Join(", ", missing)} (expected orderid,shopid,userid,event_time)");
                return ExitCodes.Usage;
            }

            var (order, shop, user, time) = (reader.Header.IndexOf("orderid"), reader.Header.IndexOf("shopid"), reader.Header.IndexOf("userid"), reader.Header.IndexOf("event_time"));
            var needed = new[] { order, shop, user, time }.Max();
            foreach (var row in reader)
            {
                if (row.ColCount <= needed
                    || !DateTime.TryParseExact(row[time].Span, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                    || row[shop].Span.IsEmpty || row[user].Span.IsEmpty)
                {
                    if (bad++ < 20)
                    {
                        error.MarkupLineInterpolated($"[yellow]skipped[/] {ordersPath}:{row.LineNumberFrom}: expected orderid,shopid,userid,event_time ({TimeFormat})");
                    }

                    continue;
                }

                rows.Add(new ShopeeOrder(row[order].ToString(), row[shop].ToString(), row[user].ToString(), at));
            }
        }

        if (rows.Count == 0)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {ordersPath}: no usable order ({bad} bad rows)");
            return ExitCodes.Usage;
        }

        var answers = ShopeeOrderBrushing.Solve(rows);
        var text = new StringBuilder("shopid,userid\n");
        foreach (var answer in answers)
        {
            text.Append(answer.ShopId).Append(',').Append(answer.UserIds).Append('\n');
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(outputPath, text.ToString(), new UTF8Encoding(false));
        var brushing = answers.Count(a => a.UserIds != "0");
        Consoles.Out.MarkupLineInterpolated($"{rows.Count:N0} orders, {answers.Count:N0} shops, [bold]{brushing:N0}[/] brushing; {bad} bad rows skipped. Answer written to [bold]{outputPath}[/].");
        return ExitCodes.Ok;
    }
}

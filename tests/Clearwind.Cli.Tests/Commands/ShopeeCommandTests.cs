using Clearwind.Cli.Commands;
using Clearwind.Cli.Tests.Support;
using nietras.SeparatedValues;

namespace Clearwind.Cli.Tests.Commands;

/// <summary><c>clearwind shopee ORDERS.csv --out ANSWER.csv</c> against the competition's own examples.</summary>
[Collection(CliTests.Name)]
public sealed class ShopeeCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Shopee_OfficialExampleRows_ReproducesOfficialAnswer()
    {
        // Shopee Code League 2020 "Order Brushing", Examples page: ../shared/data/shopee-order-brushing/.
        var rows = RepositoryFiles.SharedData("shopee-order-brushing", "official_example_rows.csv");
        var expected = ReadAnswers(RepositoryFiles.SharedData("shopee-order-brushing", "official_example_expected.csv"));
        var answer = _cli.PathOf("answer", "submission.csv");

        var exit = ShopeeCommand.Run(rows, answer);

        Assert.Equal(0, exit);
        Assert.Equal(4, expected.Count);
        Assert.Equal("shopid,userid", File.ReadLines(answer).First());
        var actual = ReadAnswers(answer);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (shop, users) in expected)
        {
            Assert.Equal(users, actual[shop]);
        }

        Assert.Contains("brushing", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Shopee_HeaderLacksColumn_ExitsWithUsageErrorNamingIt()
    {
        var orders = _cli.WriteText("in/orders.csv", "orderid,shopid,buyer_id,event_time\n1,s1,b1,2019-12-31 10:00:00\n");
        var answer = _cli.PathOf("answer", "submission.csv");

        var exit = ShopeeCommand.Run(orders, answer);

        Assert.Equal(2, exit);
        Assert.Contains("userid", _cli.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(answer));
    }

    [Fact]
    public void Shopee_MissingFile_ExitsWithUsageError()
    {
        var exit = ShopeeCommand.Run(_cli.PathOf("in", "nowhere.csv"), _cli.PathOf("answer.csv"));

        Assert.Equal(2, exit);
        Assert.Contains("no such file", _cli.Errors, StringComparison.Ordinal);
    }

    // shopid → its set of user ids (split on &, sorted), from any CSV with shopid and userid columns.
    private static SortedDictionary<string, string[]> ReadAnswers(string path)
    {
        var answers = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        foreach (var row in reader)
        {
            answers.Add(row["shopid"].ToString(), [.. row["userid"].ToString().Split('&').Order(StringComparer.Ordinal)]);
        }

        return answers;
    }
}

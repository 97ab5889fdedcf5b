using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Clearwind.Cli.Commands;
using Clearwind.Cli.Tests.Support;
using Clearwind.Privacy;

namespace Clearwind.Cli.Tests.Commands;

public sealed partial class ScanCommandTests
{
    private const string Phone = "13800138000";
    private const string PhoneSpaced = "+86 138 0013 8000";
    private const string ReceiverPhone = "13912345678";
    private const string Address = "上海市浦东新区世纪大道100号 3栋1201";
    private const string PaymentAccount = "alipay:zhang.san@example.com";
    private const string Device = "IMEI-356938035643809";
    private const string LoginDevice = "android-9f8e7d6c5b4a3928";

    private static readonly Regex Keyed = new("^h1:[0-9a-f]{32}$", RegexOptions.CultureInvariant);

    /// <summary>Every kind of personal identifier SPEC §7 names, raw, on every event type that carries one.</summary>
    private List<string> PersonalInput()
    {
        var registered = Lines.Event("account.registered", "reg-b1", Lines.T0.AddDays(-30));
        registered["account"] = "b1";
        registered["nickname"] = "小明";
        registered["phone"] = PhoneSpaced;
        registered["device"] = Device;
        var login = Lines.Event("account.login", "login-b1", Lines.T0.AddMinutes(-5));
        login["account"] = "b1";
        login["ip"] = "10.1.2.3";
        login["device"] = LoginDevice;

        var lines = new List<string> { registered.Line(), login.Line() };
        for (var i = 0; i < 3; i++)
        {
            var order = Lines.Order($"s1-{i}", "s1", "b1", Lines.T0.AddMinutes(i * 10));
            order["phone"] = i == 0 ? Phone : PhoneSpaced;
            order["address"] = Address;
            order["device"] = Device;
            order["logistics"] = new JsonObject { ["carrier"] = "SF", ["receiver_phone"] = ReceiverPhone, ["receivers"] = new JsonArray(new JsonObject { ["mobile"] = Phone }) };
            lines.Add(order.Line());
            var paid = Lines.Event("order.paid", $"paid-{i}", Lines.T0.AddMinutes((i * 10) + 1));
            paid["order"] = $"ord-s1-{i}";
            paid["payment_account"] = PaymentAccount;
            lines.Add(paid.Line());
        }

        // A malformed line holding raw values: its message must not quote them.
        lines.Add($"{{\"id\":\"bad\",\"type\":\"order.placed\",\"phone\":\"{Phone}\",\"address\":\"{Address}\"");
        return lines;
    }

    [Fact]
    public async Task Scan_PersonalIdentifiers_AppearInNoOutputNorStore()
    {
        var input = _cli.WriteLines("in/personal.ndjson", PersonalInput());

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var outputs = _cli.Outputs("out");
        Assert.Equal(["s1"], outputs.BrushingShops);
        Assert.NotEmpty(outputs.Problems);
        var written = Directory.GetFiles(outputs.Folder, "*", SearchOption.AllDirectories);
        Assert.Contains(written, f => f.EndsWith(".db", StringComparison.Ordinal));
        string[] raw = [Phone, PhoneSpaced, "138 0013 8000", ReceiverPhone, Address, "世纪大道100号", PaymentAccount, "zhang.san@example.com", Device, LoginDevice];
        foreach (var file in written)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var value in raw)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) < 0, $"{Path.GetFileName(file)} holds the raw value {value}");
            }
        }

        foreach (var value in raw)
        {
            Assert.DoesNotContain(value, _cli.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain(value, _cli.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Scan_PersonalIdentifiers_StoredAsH1And32Hex()
    {
        var input = _cli.WriteLines("in/personal.ndjson", PersonalInput());

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var store = _cli.Outputs("out").StorePath;
        var order = await Stores.EventJsonAsync(store, "s1-0");
        Assert.Matches(Keyed, (string?)order["phone"]);
        Assert.Matches(Keyed, (string?)order["address"]);
        Assert.Matches(Keyed, (string?)order["device"]);
        Assert.Matches(Keyed, (string?)order["logistics"]!["receiver_phone"]);
        Assert.Matches(Keyed, (string?)order["logistics"]!["receivers"]![0]!["mobile"]);
        Assert.Equal("SF", (string?)order["logistics"]!["carrier"]); // not personal: kept as it came
        Assert.Matches(Keyed, (string?)(await Stores.EventJsonAsync(store, "paid-0"))["payment_account"]);
        var registered = await Stores.EventJsonAsync(store, "reg-b1");
        Assert.Matches(Keyed, (string?)registered["phone"]);
        Assert.Matches(Keyed, (string?)registered["device"]);
        Assert.Equal("小明", (string?)registered["nickname"]);
        Assert.Matches(Keyed, (string?)(await Stores.EventJsonAsync(store, "login-b1"))["device"]);
    }

    [Fact]
    public async Task Scan_SamePhoneWrittenDifferently_GetsSameKeyedValue()
    {
        string[] spellings = [Phone, PhoneSpaced, "+8613800138000", "138-0013-8000", " 138 0013 8000 "];
        var lines = spellings.Select((p, i) =>
        {
            var order = Lines.Order($"o{i}", "s1", $"b{i}", Lines.T0.AddMinutes(i));
            order["phone"] = p;
            return order.Line();
        });
        var other = Lines.Order("other", "s1", "b9", Lines.T0);
        other["phone"] = "13800138001";
        var input = _cli.WriteLines("in/orders.ndjson", [.. lines, other.Line()]);

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var events = await Stores.EventsAsync(_cli.Outputs("out").StorePath);
        var keyed = events.ToDictionary(e => e.Id, e => (string?)JsonNode.Parse(e.Json)!["phone"]);
        Assert.Single(spellings.Select((_, i) => keyed[$"o{i}"]).Distinct());
        Assert.Matches(Keyed, keyed["o0"]);
        Assert.NotEqual(keyed["o0"], keyed["other"]);
    }

    [Fact]
    public async Task Scan_HmacKeyOption_KeysWithThatKey()
    {
        using var _ = new EnvironmentVariable(StoreKeys.HmacKeyVariable, "environment-key-must-lose-0123");
        const string key = "option-key-for-the-tests-0001";
        var input = _cli.WriteLines("in/orders.ndjson", [OrderWithPhone("o1")]);

        Assert.Equal(0, await _cli.ScanAsync("out", [input], hmacKey: key));

        var stored = await Stores.EventJsonAsync(_cli.Outputs("out").StorePath, "o1");
        Assert.Equal(IdentifierKeyer.FromText(key).Key(IdentifierKind.Phone, Phone), (string?)stored["phone"]);
    }

    [Fact]
    public async Task Scan_HmacKeyFromEnvironment_KeysWithThatKey()
    {
        const string key = "environment-key-for-the-tests-02";
        using var _ = new EnvironmentVariable(StoreKeys.HmacKeyVariable, key);
        var input = _cli.WriteLines("in/orders.ndjson", [OrderWithPhone("o1")]);

        Assert.Equal(0, await _cli.ScanAsync("out", [input]));

        var stored = await Stores.EventJsonAsync(_cli.Outputs("out").StorePath, "o1");
        Assert.Equal(IdentifierKeyer.FromText(key).Key(IdentifierKind.Phone, Phone), (string?)stored["phone"]);
    }

    [Fact]
    public async Task Scan_NoKeyGiven_GeneratesOneKeptWithTheStore()
    {
        using var _ = new EnvironmentVariable(StoreKeys.HmacKeyVariable, null);
        var store = _cli.PathOf("store", "clearwind.db");
        var first = _cli.WriteLines("in/first.ndjson", [OrderWithPhone("o1")]);
        var second = _cli.WriteLines("in/second.ndjson", [OrderWithPhone("o2")]);

        Assert.Equal(0, await _cli.ScanAsync("out1", [first], store: store));
        Assert.Equal(0, await _cli.ScanAsync("out2", [second], store: store));
        Assert.Equal(0, await _cli.ScanAsync("elsewhere", [second]));

        var o1 = (string?)(await Stores.EventJsonAsync(store, "o1"))["phone"];
        var o2 = (string?)(await Stores.EventJsonAsync(store, "o2"))["phone"];
        Assert.Matches(Keyed, o1);
        Assert.Equal(o1, o2);

        // Another store generated a key of its own: the same phone keys differently there.
        var elsewhere = (string?)(await Stores.EventJsonAsync(_cli.Outputs("elsewhere").StorePath, "o2"))["phone"];
        Assert.Matches(Keyed, elsewhere);
        Assert.NotEqual(o1, elsewhere);
    }

    [Fact]
    public async Task Scan_HmacKeyTooShort_ExitsWithUsageError()
    {
        var input = _cli.WriteLines("in/orders.ndjson", [OrderWithPhone("o1")]);

        // (An exception escaping RunAsync is what a user sees as a stack trace.)
        var exit = await _cli.ScanAsync("out", [input], hmacKey: "short");

        Assert.Equal(2, exit);
        Assert.Contains("error:", _cli.Errors, StringComparison.Ordinal);
        Assert.Contains("key", _cli.Errors, StringComparison.Ordinal);
        AssertNoOutputs(_cli.Outputs("out"));
    }

    private static string OrderWithPhone(string id)
    {
        var order = Lines.Order(id, "s1", "b1", Lines.T0);
        order["phone"] = Phone;
        return order.Line();
    }
}

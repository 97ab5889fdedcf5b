using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Clearwind.Events;
using Clearwind.TestKit;

namespace Clearwind.Service.Tests;

/// <summary>
/// How the ingest endpoint reads a body into its pooled buffer: bodies with and without a length, bodies that make the buffer
/// grow, and the size limit either way.
/// </summary>
public sealed class IngestBodyTests : IDisposable
{
    private const int Limit = 64 * 1024;

    private readonly ServiceFactory _service = new(settings: new Dictionary<string, string?> { ["Clearwind:MaxRequestBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public void Dispose() => _service.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ingest_BodyLargerThanTheFirstBuffer_EveryEventIsRead(bool sized)
    {
        using var client = _service.Admin();
        var events = Orders(120); // about 30 KB: the buffer starts at 4 KB when the length is not announced
        var body = Encoding.UTF8.GetBytes(string.Concat(events.Select(e => EventParser.ToJson(e) + "\n")));
        Assert.InRange(body.Length, 16 * 1024, Limit);

        var answer = await client.PostAsync("/v1/events", Content(body, sized));

        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, text);
        Assert.Equal(120, JsonDocument.Parse(text).RootElement.GetProperty("accepted").GetInt32());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ingest_BodyOneByteOverTheLimit_Is413(bool sized)
    {
        using var client = _service.Admin();
        var body = PaddedBody(Limit + 1);

        var answer = await client.PostAsync("/v1/events", Content(body, sized));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ingest_BodyExactlyAtTheLimit_IsRead(bool sized)
    {
        using var client = _service.Admin();
        var body = PaddedBody(Limit);

        var answer = await client.PostAsync("/v1/events", Content(body, sized));

        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, text);
        Assert.Equal(1, JsonDocument.Parse(text).RootElement.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Ingest_OneObjectThenATruncatedOne_IsReadAsNdjsonWithTheSecondLineRejected()
    {
        using var client = _service.Admin();
        var body = EventParser.ToJson(Some.OrderPlaced(id: "one")) + "\n{\"id\":\"two\",";

        var answer = await client.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));

        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, text);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(1, json.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(2, Assert.Single(json.RootElement.GetProperty("rejected").EnumerateArray()).GetProperty("line").GetInt32());
    }

    private static List<MarketEvent> Orders(int count)
        => [.. Enumerable.Range(0, count).Select(i => (MarketEvent)Some.OrderPlaced(id: $"body-e{i}", buyer: $"b{i}", shop: $"s{i % 7}", ts: Stories.T0.AddMinutes(i)))];

    // One event, then spaces on its line up to exactly `length` bytes (blank space after a value is allowed).
    private static byte[] PaddedBody(int length)
    {
        var json = EventParser.ToJson(Some.OrderPlaced(id: "padded"));
        return Encoding.UTF8.GetBytes(json + new string(' ', length - Encoding.UTF8.GetByteCount(json)));
    }

    private static HttpContent Content(byte[] body, bool sized)
    {
        HttpContent content = sized ? new ByteArrayContent(body) : new UnsizedContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        Assert.Equal(sized, content.Headers.ContentLength is not null);
        return content;
    }

    /// <summary>A body sent without Content-Length (chunked), as a streaming client sends it.</summary>
    private sealed class UnsizedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

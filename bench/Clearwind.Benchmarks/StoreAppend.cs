using System.Diagnostics;
using System.Globalization;
using System.Text;
using Clearwind.Storage;

namespace Clearwind.Benchmarks;

/// <summary>
/// <c>store-append LOCATION [EVENTS]</c>: how fast a new store takes events. EVENTS (default 1,000,000) synthetic
/// <c>order.placed</c> events of about 330 bytes of JSON, as the simulator writes them, appended in batches of 32,768
/// (what <c>clearwind scan</c> hands the store). LOCATION is a <c>--store</c> value: a SQLite file that does not exist yet,
/// or <c>postgres://user:password@host:port/db?schema=NAME</c> with a schema that does not exist yet. Only the appends are timed.
/// </summary>
public static class StoreAppend
{
    private const int Batch = 32_768;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length is < 2 or > 3)
        {
            Console.Error.WriteLine("usage: store-append LOCATION [EVENTS]");
            return 2;
        }

        var location = args[1];
        var count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
        var epoch = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8));
        await using var store = await StoreLocation.OpenAsync(location, syncEveryCommit: false, CancellationToken.None);
        if (await store.Events.CountAsync() > 0)
        {
            Console.Error.WriteLine($"{StoreLocation.Describe(location)} is not empty: give a new store");
            return 2;
        }

        var clock = new Stopwatch();
        var added = 0L;
        var batch = new List<StoredEvent>(Batch);
        for (var i = 0; i < count; i++)
        {
            var seq = i + 1L;
            var ts = epoch.AddMilliseconds(i * 250L);
            var json = string.Create(
                CultureInfo.InvariantCulture,
                $$"""{"id":"o{{seq}}","type":"order.placed","ts":"{{ts:yyyy-MM-ddTHH:mm:ss.fffzzz}}","order":"ord-{{seq}}","buyer":"b{{i % 50_000}}","shop":"s{{i % 2_000}}","listing":"s{{i % 2_000}}-l{{i % 17}}","quantity":{{1 + (i % 3)}},"amount":{{19.9 + (i % 400)}},"ip":"hmac:ip:{{(i * 7919) % 1_000_003:x8}}","device":"hmac:dev:{{(i * 104_729) % 1_000_003:x8}}","address":"hmac:addr:{{(i * 31) % 200_003:x8}}","phone":"hmac:phone:{{(i * 131) % 300_007:x8}}"}""");
            batch.Add(new StoredEvent(seq, "o" + seq.ToString(CultureInfo.InvariantCulture), "order.placed", ts, Encoding.UTF8.GetBytes(json)));
            if (batch.Count == Batch || i == count - 1)
            {
                clock.Start();
                added += await store.Events.AppendAsync(batch);
                clock.Stop();
                batch.Clear();
            }
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{StoreLocation.Describe(location)}: {added:N0} events in {clock.Elapsed.TotalSeconds:N1} s = {added / clock.Elapsed.TotalSeconds:N0} events/s (append time only)"));
        return added == count ? 0 : 1;
    }
}

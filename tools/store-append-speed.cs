// Measures how fast a store takes events: N synthetic order.placed events (about 330 bytes of JSON each, as the
// simulator writes them), appended in batches of 32,768 (what `clearwind scan` hands the store), into a new store.
//
//   dotnet run tools/store-append-speed.cs -- LOCATION [EVENTS]
//
// LOCATION is a --store value: a SQLite file (must not exist yet) or postgres://user:password@host:port/db?schema=NAME
// (a schema that does not exist yet). EVENTS defaults to 1,000,000.
#:project ../src/Clearwind.Storage/Clearwind.Storage.csproj
#:property TreatWarningsAsErrors=false
#:property GenerateDocumentationFile=false

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Clearwind.Storage;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: dotnet run tools/store-append-speed.cs -- LOCATION [EVENTS]");
    return 2;
}

var location = args[0];
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
const int Batch = 32_768;
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

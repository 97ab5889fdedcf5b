using System.Globalization;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Privacy;

namespace Clearwind.Benchmarks;

/// <summary>
/// <c>orderstate [orders]</c>: the state each detector keeps per order when every order comes from a new buyer with its
/// own device, address and phone (the stream <c>serve-load</c> sends, at 1,000 orders a second of event time). What a
/// detector keeps is what every collection of a live service traces and copies, so this is where its pauses come from.
/// </summary>
public static class OrderState
{
    public static int Run(string[] args)
    {
        var orders = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var keyer = IdentifierKeyer.FromText(new string('k', 32));
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var events = new List<MarketEvent>(orders);
        for (var i = 0; i < orders; i++)
        {
            events.Add(keyer.Apply(new OrderPlaced
            {
                Id = $"e{i}",
                Ts = start.AddMilliseconds(i),
                Order = $"o{i}",
                Buyer = $"b{i}",
                Shop = $"s{i % 200}",
                Listing = $"l{i % 2000}",
                Quantity = 1,
                Amount = 59.90m,
                Ip = $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}",
                Device = $"dv{i}",
                Address = $"address {i}",
                Phone = $"138{i:D8}",
            }));
        }

        Console.WriteLine($"{orders:N0} orders from as many new buyers, one a millisecond of event time");
        long total = 0;
        foreach (var registration in DetectorCatalog.BuiltIn)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var kept = Kept(new DetectionPipelineBuilder().Add(registration.Create(registration.CreateDefaultOptions())).Build(), events);
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            total += kept;
            if (kept > 0 || allocated > orders)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {registration.Pattern,-34} {kept / (double)orders,8:N0} bytes an order kept, {allocated / (double)orders,8:N0} allocated"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"(sum of the above)",-34} {total / (double)orders,8:N0} bytes an order"));
        var all = DetectorCatalog.DefaultPolicy().BuildPipeline(DetectorCatalog.BuiltIn);
        var allAllocated = GC.GetAllocatedBytesForCurrentThread();
        var allKept = Kept(all, events);
        allAllocated = GC.GetAllocatedBytesForCurrentThread() - allAllocated;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"(the default policy's pipeline)",-34} {allKept / (double)orders,8:N0} bytes an order kept, {allAllocated / (double)orders,8:N0} allocated (detectors that share a ledger keep one copy)"));
        return 0;
    }

    private static long Kept(DetectionPipeline pipeline, List<MarketEvent> events)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var e in events)
        {
            pipeline.Process(e);
        }

        var kept = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(pipeline);
        return kept;
    }
}

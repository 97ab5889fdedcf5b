using System.Diagnostics;
using System.Globalization;
using Clearwind.Alliance;

namespace Clearwind.Benchmarks;

/// <summary>
/// <c>-- psi [items] [common]</c>: the alliance's private set intersection between two platforms of <c>items</c> entries
/// each (default 1,000,000, of which <c>common</c>, default 100,000, on both), in memory: request, response, finish,
/// with wall and CPU time of each step and the bytes each message would take.
/// </summary>
internal static class IntersectionRun
{
    private static TimeSpan _steps;

    public static int Run(string[] args)
    {
        var items = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var shared = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        var a = Enumerable.Range(0, items).Select(i => $"phone:a1:{i:x64}").ToArray();
        var b = Enumerable.Range(items - shared, items).Select(i => $"phone:a1:{i:x64}").ToArray();
        Console.WriteLine($"{items:N0} × {items:N0} entries, {shared:N0} on both, {Environment.ProcessorCount} cores");

        using var requester = PrivateIntersection.Create();
        using var responder = PrivateIntersection.Create();
        var request = Step("request (requester blinds its entries)", () => requester.Blind(a, out _));
        var (twice, once) = Step("respond (responder blinds the request again and its own entries)", () => responder.Respond(request, b));
        requester.Blind(a, out var itemOf); // kept from the request in practice; not timed
        var common = Step("finish (requester blinds the responder's entries and compares)", () => requester.Finish(request, itemOf, twice, once));
        Console.WriteLine($"found {common.Count:N0} common entries (expected {shared:N0}); the three steps took {_steps.TotalSeconds:N1} s");
        Console.WriteLine($"messages: request {request.Length * 32 / 1e6:N0} MB, response {(twice.Length + once.Length) * 32 / 1e6:N0} MB");
        return common.Count == shared ? 0 : 1;
    }

    private static T Step<T>(string name, Func<T> step)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = step();
        _steps += clock.Elapsed;
        Console.WriteLine($"{name}: {clock.Elapsed.TotalSeconds:N1} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:N1} CPU-s)");
        return result;
    }
}

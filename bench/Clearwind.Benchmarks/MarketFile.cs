using Clearwind.Simulation;

namespace Clearwind.Benchmarks;

/// <summary>The synthetic marketplace the pipeline benchmarks read, written once and cached in the temp folder.</summary>
public static class MarketFile
{
    /// <summary>About 1.1 million events: 2,000 shops, 40,000 buyers, 30 days, 40 brushing shops, 6 flash sales.</summary>
    public static readonly SyntheticMarketOptions Options = new()
    {
        Seed = 42,
        Shops = 2_000,
        Buyers = 40_000,
        Days = 30,
        EventsTarget = 1_100_000,
        BrushingShops = 40,
        FlashSales = 6,
    };

    /// <summary>
    /// The cached file for <see cref="Options"/>. Its name carries the seed, the target and the generator build, so a
    /// changed generator writes a new file instead of reusing a stale one (files of other builds written over an hour
    /// earlier are removed, so a run of another checkout going on at the same time keeps its file).
    /// </summary>
    public static string EnsureWritten()
    {
        var folder = Path.Combine(Path.GetTempPath(), "clearwind-bench");
        Directory.CreateDirectory(folder);
        var build = typeof(SyntheticMarket).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8];
        var prefix = $"market-seed{Options.Seed}-{Options.EventsTarget}-";
        var path = Path.Combine(folder, $"{prefix}{build}.ndjson");
        if (File.Exists(path))
        {
            return path;
        }

        var partial = path + ".partial";
        using (var file = File.Create(partial))
        {
            SyntheticMarket.WriteNdjson(SyntheticMarket.Generate(Options), file);
        }

        File.Move(partial, path, overwrite: true);
        foreach (var stale in Directory.EnumerateFiles(folder, prefix + "*.ndjson"))
        {
            if (stale != path && File.GetLastWriteTimeUtc(stale) < File.GetLastWriteTimeUtc(path).AddHours(-1))
            {
                File.Delete(stale);
            }
        }

        return path;
    }
}

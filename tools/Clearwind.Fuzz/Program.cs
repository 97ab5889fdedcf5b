using System.Globalization;
using Clearwind.Fuzz.Engine;
using Clearwind.Fuzz.Targets;

// clearwind fuzz: dotnet run -c Release --project tools/Clearwind.Fuzz -- <target|all> [--executions N] [--seed S] [--crashers DIR]
// --replay FILE runs one saved input and prints its outcome; --slowest FILE keeps the slowest input of the run. Exit code 0 when no target crashed or hung, 1 when one did, 2 for a usage error.
const string Usage = "usage: Clearwind.Fuzz <event-json|csv-mapping|policy-file|alliance-file|appeal-form|all> [--executions N] [--seed S] [--crashers DIR] [--max-seconds S] [--replay FILE] [--slowest FILE]";

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var settings = new FuzzSettings { CrashersDirectory = Path.Combine("tests", "Clearwind.Fuzz.Tests", "Crashers") };
string? replay = null;
string? slowestTo = null;
for (var i = 1; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--replay" when value is not null:
            replay = value;
            i++;
            break;
        case "--slowest" when value is not null:
            slowestTo = value;
            i++;
            break;
        case "--executions" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
            settings = settings with { Executions = n };
            i++;
            break;
        case "--max-seconds" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
            settings = settings with { StopAfter = TimeSpan.FromSeconds(seconds) };
            i++;
            break;
        case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s):
            settings = settings with { Seed = s };
            i++;
            break;
        case "--crashers" when value is not null:
            settings = settings with { CrashersDirectory = value };
            i++;
            break;
        default:
            Console.Error.WriteLine($"unknown or incomplete option {args[i]}\n{Usage}");
            return 2;
    }
}

var names = args[0] == "all" ? FuzzTargets.Names : [args[0]];
if (names.FirstOrDefault(n => !FuzzTargets.Names.Contains(n)) is { } unknown)
{
    Console.Error.WriteLine($"unknown target {unknown}\n{Usage}");
    return 2;
}

if (replay is not null)
{
    var (outcome, failure) = FuzzEngine.Replay(FuzzTargets.Create(names[0])!, File.ReadAllBytes(replay), settings.HangAfter);
    Console.WriteLine(failure ?? "outcome: " + outcome);
    return failure is null ? 0 : 1;
}

settings = settings with { ReportEvery = Math.Max(10_000, settings.Executions / 20) };
var failed = false;
foreach (var name in names)
{
    var target = FuzzTargets.Create(name)!;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {settings.Executions:N0} executions, seed {settings.Seed}, crashers in {settings.CrashersDirectory}"));
    var report = new FuzzEngine(target, settings, line => Console.WriteLine(line)).Run();
    (target as IDisposable)?.Dispose();
    Console.WriteLine(report.Summary());
    Console.WriteLine("  stages reached:");
    foreach (var (stage, count) in report.Stages)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,10:N0}  {stage}"));
    }

    Console.WriteLine("  most frequent outcomes:");
    foreach (var (outcome, count) in report.TopOutcomes)
    {
        // Outcome labels are the decoders' own error messages, which never quote identifiers.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,10:N0}  {(outcome.Length > 110 ? outcome[..110] : outcome)}"));
    }
    if (slowestTo is not null && report.SlowestInput is { } slow)
    {
        File.WriteAllBytes(slowestTo, slow);
    }

    failed |= report.Real.Any();
}

return failed ? 1 : 0;

namespace Clearwind.Cli.Commands;

/// <summary>
/// Parsed options of <c>scan</c>. <c>Format</c> says how inputs are read: <see cref="NdjsonFormat"/>,
/// <see cref="CsvFormat"/> or <see cref="TaobaoUserBehaviorFormat"/>.
/// </summary>
internal sealed record ScanSettings(
    IReadOnlyList<string> Inputs, string Out, string? Store = null, string? Policy = null,
    string? CsvMap = null, string? HmacKey = null, bool Quiet = false, string Format = ScanSettings.NdjsonFormat, int? Threads = null, string? AllianceKey = null)
{
    /// <summary>Detectors running side by side: <see cref="Threads"/>, else the processor count.</summary>
    public int DetectorThreads => Threads ?? Environment.ProcessorCount;

    /// <summary>NDJSON, or CSV with <c>--csv-map</c> for files named <c>.csv</c> / <c>.csv.gz</c> (the default).</summary>
    public const string NdjsonFormat = "ndjson";

    /// <summary>Every input is CSV, read with <c>--csv-map</c>.</summary>
    public const string CsvFormat = "csv";

    /// <summary>Every input is Taobao's UserBehavior CSV (the <c>taobao-userbehavior</c> mapping preset).</summary>
    public const string TaobaoUserBehaviorFormat = "taobao-userbehavior";

    /// <summary>The accepted <see cref="Format"/> values.</summary>
    public static IReadOnlyList<string> Formats { get; } = [NdjsonFormat, CsvFormat, TaobaoUserBehaviorFormat];
}

namespace Clearwind.Cli.Commands;

/// <summary>Parsed options of <c>scan</c>.</summary>
internal sealed record ScanSettings(
    IReadOnlyList<string> Inputs, string Out, string? Store = null, string? Policy = null,
    string? CsvMap = null, string? HmacKey = null, bool Quiet = false);

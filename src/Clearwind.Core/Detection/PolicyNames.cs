using System.Text.Json;

namespace Clearwind.Detection;

/// <summary>How option and policy names are spelled in files (snake_case, like events).</summary>
public static class PolicyNames
{
    /// <summary>Converts a .NET property name to its policy-file name.</summary>
    public static string ToSnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}

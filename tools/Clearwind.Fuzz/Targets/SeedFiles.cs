namespace Clearwind.Fuzz.Targets;

/// <summary>Real files used as seeds when they are there: the shared fixtures (<c>../shared/data</c>) and the repository's own files.</summary>
internal static class SeedFiles
{
    /// <summary>The first lines of a file under the shared data folder, or null when it is not found.</summary>
    public static string? SharedHead(string relativePath, int lines)
    {
        var path = Find(Path.Combine("shared", "data", relativePath));
        return path is null ? null : string.Join('\n', File.ReadLines(path).Take(lines)) + "\n";
    }

    /// <summary>A file of the repository (found from the working folder or the tool's own folder upwards), or null.</summary>
    public static byte[]? Repository(string relativePath)
    {
        var path = Find(relativePath);
        return path is null ? null : File.ReadAllBytes(path);
    }

    private static string? Find(string relativePath)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

namespace Clearwind.Cli.Tests.Support;

/// <summary>Files of the repository and of the shared fixtures beside it, found from the test's own folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder holding <c>Clearwind.slnx</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A file under <c>../shared/data</c> (the team's fixtures, see its README).</summary>
    public static string SharedData(params string[] parts) => Path.GetFullPath(Path.Combine([Root, "..", "shared", "data", .. parts]));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearwind.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} holds Clearwind.slnx");
    }
}

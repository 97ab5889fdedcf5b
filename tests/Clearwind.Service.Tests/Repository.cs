namespace Clearwind.Service.Tests;

/// <summary>Files of the repository the tests check against (the checked-in OpenAPI document, the .http examples).</summary>
internal static class Repository
{
    /// <summary>The repository's root: the folder above the test assembly that holds Clearwind.slnx.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearwind.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (Clearwind.slnx) is not above the test's folder");
    }
}

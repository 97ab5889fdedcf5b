namespace Clearwind.Storage.Tests.Sqlite;

/// <summary>A fresh database path in a folder of its own under the temp folder; deleted with everything SQLite put beside it.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clearwind-tests", Guid.NewGuid().ToString("N"));

    public TempDatabase()
    {
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, "store.db");
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open (a failed test) must not hide the failure.
        }
    }
}

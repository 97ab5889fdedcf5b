namespace Clearwind.Cli.Tests.Support;

/// <summary>Sets (or clears) an environment variable of this process and puts the old value back at the end.</summary>
internal sealed class EnvironmentVariable : IDisposable
{
    private readonly string _name;
    private readonly string? _saved;

    public EnvironmentVariable(string name, string? value)
    {
        _name = name;
        _saved = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose() => Environment.SetEnvironmentVariable(_name, _saved);
}

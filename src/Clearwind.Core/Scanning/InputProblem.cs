namespace Clearwind.Scanning;

/// <summary>A line (or a whole input) that could not be used, with where and why.</summary>
/// <param name="Input">Input name (path).</param>
/// <param name="Line">1-based line number; 0 when the problem concerns the whole input.</param>
/// <param name="Message">What is wrong, in words a user can act on.</param>
public sealed record InputProblem(string Input, long Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Line > 0 ? $"{Input}:{Line}: {Message}" : $"{Input}: {Message}";
}

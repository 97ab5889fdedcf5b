using System.Text.RegularExpressions;

namespace Clearwind.Detection;

/// <summary>A stable pattern identifier <c>family.name</c>, e.g. <c>order_brushing.concentration</c>.</summary>
public readonly partial record struct PatternId
{
    /// <summary>Creates a pattern id, checking its shape.</summary>
    /// <exception cref="ArgumentException">The value is not <c>family.name</c> in lower snake_case.</exception>
    public PatternId(string value)
    {
        if (value is null || !Shape().IsMatch(value))
        {
            throw new ArgumentException($"pattern id '{value}' must look like family.name (lower snake_case)", nameof(value));
        }

        Value = value;
    }

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <summary>The family part (before the dot).</summary>
    public string Family => Value[..Value.IndexOf('.', StringComparison.Ordinal)];

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Converts text to a pattern id.</summary>
    public static implicit operator PatternId(string value) => new(value);

    [GeneratedRegex("^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$")]
    private static partial Regex Shape();
}

using System.Text;

namespace Clearwind.Cli.Input;

/// <summary>
/// A field value built from a row: literal text with <c>{column}</c> placeholders, and <c>{id}</c> for the event's
/// id (e.g. <c>"item:{item_id}"</c>, <c>"{id}"</c>). <c>{{</c> and <c>}}</c> stand for braces.
/// </summary>
internal sealed class CsvTemplate
{
    /// <summary>The placeholder that stands for the event's id rather than a column.</summary>
    public const string IdPlaceholder = "id";

    private readonly List<(string Text, bool IsPlaceholder)> _parts;

    private CsvTemplate(List<(string Text, bool IsPlaceholder)> parts) => _parts = parts;

    /// <summary>The names between braces, in order (<c>id</c> included).</summary>
    public IEnumerable<string> Placeholders => _parts.Where(p => p.IsPlaceholder).Select(p => p.Text);

    /// <summary>The columns the template reads (every placeholder but <c>{id}</c>).</summary>
    public IEnumerable<string> Columns => Placeholders.Where(p => p != IdPlaceholder);

    /// <summary>Reads a template.</summary>
    /// <exception cref="FormatException">A brace is unbalanced or a placeholder is empty; the message says which.</exception>
    public static CsvTemplate Parse(string template)
    {
        var parts = new List<(string, bool)>();
        var literal = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                throw new FormatException("a '}' without its '{' (write '}}' for a brace)");
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = template.IndexOf('}', i + 1);
            if (end < 0)
            {
                throw new FormatException("a '{' without its '}' (write '{{' for a brace)");
            }

            var name = template[(i + 1)..end];
            if (name.Length == 0 || name.Contains('{', StringComparison.Ordinal))
            {
                throw new FormatException("a placeholder must name a column, or id: {column}");
            }

            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), false));
                literal.Clear();
            }

            parts.Add((name, true));
            i = end;
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), false));
        }

        return new CsvTemplate(parts);
    }

    /// <summary>
    /// The value for one row; null when a placeholder's value is empty, so a field built from a missing value is left
    /// out (and a required field is reported missing) rather than filled with the literal text alone.
    /// </summary>
    public string? Expand(Func<string, string> valueOf)
    {
        var text = new StringBuilder();
        foreach (var (part, isPlaceholder) in _parts)
        {
            if (!isPlaceholder)
            {
                text.Append(part);
                continue;
            }

            var value = valueOf(part);
            if (value.Length == 0)
            {
                return null;
            }

            text.Append(value);
        }

        return text.ToString();
    }
}

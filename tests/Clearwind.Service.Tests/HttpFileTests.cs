using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Clearwind.Service.Tests;

/// <summary>
/// Runs <c>src/Clearwind.Service/Clearwind.Service.http</c> request by request against the service, the way an editor's
/// REST client would (file variables, named requests, <c>{{name.response.body.$.path}}</c>), so its examples keep working.
/// </summary>
public sealed partial class HttpFileTests : IDisposable
{
    private readonly ServiceFactory _service = new();

    public void Dispose() => _service.Dispose();

    private sealed record HttpExample(string Title, string? Name, string Method, string Url, List<(string Name, string Value)> Headers, string Body);

    [Fact]
    public async Task HttpFile_EveryExample_Succeeds()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "src", "Clearwind.Service", "Clearwind.Service.http"));
        var (variables, examples) = Parse(text);
        variables["base"] = "http://localhost";
        variables["adminKey"] = _service.AdminKey;
        var responses = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using var client = _service.ClientWith(null);

        Assert.True(examples.Count >= 15, $"only {examples.Count} examples parsed");
        foreach (var example in examples)
        {
            string Expand(string s) => Placeholder().Replace(s, m => Resolve(m.Groups[1].Value.Trim(), variables, responses));
            using var request = new HttpRequestMessage(new HttpMethod(example.Method), Expand(example.Url));
            string? contentType = null;
            foreach (var (name, value) in example.Headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = Expand(value);
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(name, Expand(value));
                }
            }

            if (example.Body.Length > 0)
            {
                request.Content = new StringContent(Expand(example.Body), Encoding.UTF8);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
            }

            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"'{example.Title}': {(int)response.StatusCode} {body}");
            if (example.Name is not null)
            {
                responses[example.Name] = JsonDocument.Parse(body).RootElement.Clone();
            }
        }
    }

    private static (Dictionary<string, string> Variables, List<HttpExample> Examples) Parse(string text)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var examples = new List<HttpExample>();
        var blocks = text.ReplaceLineEndings("\n").Split("\n###");
        foreach (var line in blocks[0].Split('\n'))
        {
            if (FileVariable().Match(line) is { Success: true } m)
            {
                variables[m.Groups[1].Value] = m.Groups[2].Value.Trim();
            }
        }

        foreach (var block in blocks.Skip(1))
        {
            var lines = block.Split('\n');
            var title = lines[0].Trim();
            string? name = null;
            var i = 1;
            for (; i < lines.Length && (lines[i].StartsWith('#') || lines[i].Trim().Length == 0); i++)
            {
                if (NameDirective().Match(lines[i]) is { Success: true } n)
                {
                    name = n.Groups[1].Value;
                }
            }

            var requestLine = lines[i].Split(' ', 2);
            var headers = new List<(string, string)>();
            for (i++; i < lines.Length && lines[i].Trim().Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                headers.Add((lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim()));
            }

            var body = string.Join("\n", lines.Skip(i + 1)).Trim();
            examples.Add(new HttpExample(title, name, requestLine[0], requestLine[1].Trim(), headers, body.Length == 0 ? "" : body + "\n"));
        }

        return (variables, examples);
    }

    /// <summary>A file variable, or a value from an earlier named response (<c>name.response.body.$.a.b[0].c</c>).</summary>
    private static string Resolve(string reference, Dictionary<string, string> variables, Dictionary<string, JsonElement> responses)
    {
        if (variables.TryGetValue(reference, out var value))
        {
            return value;
        }

        var parts = reference.Split(".response.body.$", 2);
        Assert.True(parts.Length == 2 && responses.ContainsKey(parts[0]), $"unknown reference {{{{{reference}}}}}");
        var node = responses[parts[0]];
        foreach (Match step in PathStep().Matches(parts[1]))
        {
            node = step.Groups[1].Success ? node.GetProperty(step.Groups[1].Value) : node[int.Parse(step.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)];
        }

        return node.ValueKind == JsonValueKind.String ? node.GetString()! : node.GetRawText();
    }

    [GeneratedRegex(@"\{\{([^}]+)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^@(\w+)\s*=\s*(.*)$")]
    private static partial Regex FileVariable();

    [GeneratedRegex(@"^#\s*@name\s+(\w+)")]
    private static partial Regex NameDirective();

    [GeneratedRegex(@"\.(\w+)|\[(\d+)\]")]
    private static partial Regex PathStep();
}

using System.Text.RegularExpressions;

namespace Clearwind.Alliance;

/// <summary>
/// Brushing websites and chat groups a message names (seed 001: 刷单网站, QQ/微信群): host names of links and bare domains,
/// group numbers after 群 (QQ群, 群号, 微信群…), and Telegram links. Chat text is not a personal identifier, so these are
/// taken from the text as stored.
/// </summary>
public static partial class AllianceMentions
{
    /// <summary>(kind, value) of every website and chat group in <paramref name="text"/>, each once.</summary>
    public static IReadOnlyList<(string Kind, string Value)> In(string? text)
    {
        if (string.IsNullOrEmpty(text) || (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('群', StringComparison.Ordinal)))
        {
            return [];
        }

        var found = new List<(string, string)>();
        foreach (Match m in Telegram().Matches(text))
        {
            Add(found, AllianceKinds.ChatGroup, "t.me/" + m.Groups[1].Value.ToLowerInvariant());
        }

        foreach (Match m in Website().Matches(text))
        {
            if (!m.Value.Contains("t.me/", StringComparison.OrdinalIgnoreCase))
            {
                Add(found, AllianceKinds.Website, m.Groups[1].Value.ToLowerInvariant());
            }
        }

        foreach (Match m in Group().Matches(text))
        {
            Add(found, AllianceKinds.ChatGroup, m.Groups[1].Value);
        }

        return found;
    }

    private static void Add(List<(string, string)> found, string kind, string value)
    {
        if (!found.Contains((kind, value)))
        {
            found.Add((kind, value));
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9.-])(?:https?://)?(?:www\.)?((?:[A-Za-z0-9-]+\.)+(?:com|cn|net|org|top|xyz|cc|vip|shop|site|info|io|me|club|online|tk))(?![A-Za-z0-9-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Website();

    [GeneratedRegex(@"(?:QQ|qq|微信|VX|vx|TG|tg)?群(?:号|聊)?\s*[:：]?\s*([0-9]{5,12})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Group();

    [GeneratedRegex(@"(?:https?://)?t\.me/([A-Za-z0-9_]{5,32})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Telegram();
}

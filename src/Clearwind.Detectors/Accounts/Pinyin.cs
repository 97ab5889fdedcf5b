using System.Collections.Frozen;

namespace Clearwind.Accounts;

/// <summary>
/// Pinyin of the characters that marketing words are made of, to find a word with some characters written in pinyin
/// (ce评, 返xian, 兼zhi): the usual way such names slip past a keyword filter. Input-method fuzzy finals (模糊音: in/ing,
/// en/eng, an/ang) are accepted too, so 测pin matches 测评. A character missing from the table is only matched as itself.
/// </summary>
internal static class Pinyin
{
    /// <summary>Each character followed by its pinyin, space-separated.</summary>
    private const string Table =
        "测ce 评ping 返fan 现xian 刷shua 单dan 兼jian 职zhi 好hao 利li 日ri 结jie 副fu 业ye 招zhao 募mu 放fang 补bu 佣yong"
        + " 金jin 推tui 广guang 引yin 流liu 接jie 代dai 涨zhang 粉fen 赚zhuan 钱qian 官guan 方fang 客ke 服fu 售shou 后hou"
        + " 旗qi 舰jian 红hong 包bao 试shi 用yong 微wei 信xin 购gou 品pin 店dian";

    private static readonly FrozenDictionary<char, string> Syllables = Table
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .ToFrozenDictionary(entry => entry[0], entry => entry[1..]);

    /// <summary>
    /// Every spelling of <paramref name="word"/> with some of its characters in pinyin (the word itself first). At
    /// least one character stays a character: a name all in pinyin (fanli, yinliu) is as likely a person's name.
    /// </summary>
    public static IEnumerable<string> Spellings(string word)
    {
        IEnumerable<string> spellings = [""];
        foreach (var c in word)
        {
            var options = new List<string> { c.ToString() };
            if (Syllables.TryGetValue(c, out var syllable))
            {
                options.Add(syllable);
                options.Add(syllable.EndsWith("ng", StringComparison.Ordinal) ? syllable[..^1] : syllable + (syllable.EndsWith('n') ? "g" : ""));
            }

            var choices = options.Distinct(StringComparer.Ordinal).ToList();
            spellings = spellings.SelectMany(prefix => choices.Select(choice => prefix + choice)).ToList();
        }

        return spellings.Where(s => s.Any(c => c > '\u2E7F')).Distinct(StringComparer.Ordinal);
    }
}

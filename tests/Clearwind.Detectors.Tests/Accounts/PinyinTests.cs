using Clearwind.Accounts;

namespace Clearwind.Detectors.Tests.Accounts;

public sealed class PinyinTests
{
    [Theory]
    [InlineData("测评", "ce评")]
    [InlineData("测评", "测ping")]
    [InlineData("测评", "测pin")] // fuzzy final: pin for ping
    [InlineData("返现", "返xian")]
    [InlineData("兼职", "兼zhi")]
    public void Spellings_HalfInPinyin_AreIncluded(string word, string spelling)
        => Assert.Contains(spelling, Pinyin.Spellings(word));

    [Fact]
    public void Spellings_AllInPinyin_AreLeftOut()
    {
        var spellings = Pinyin.Spellings("返利").ToList();

        Assert.Equal("返利", spellings[0]);
        Assert.DoesNotContain("fanli", spellings); // as likely a person's name (范力)
    }
}

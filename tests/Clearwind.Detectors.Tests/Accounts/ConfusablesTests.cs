using Clearwind.Accounts;

namespace Clearwind.Detectors.Tests.Accounts;

public sealed class ConfusablesTests
{
    [Theory]
    [InlineData("雲朵", "云朵")] // traditional form of 云
    [InlineData("云朶", "云朵")] // variant form of 朵
    [InlineData("旗艦店", "旗舰店")] // traditional 艦
    [InlineData("宫方旗舰店", "官方旗舰店")] // one stroke more: 宫 for 官
    [InlineData("云·朵 官方", "云朵官方")] // separators and spaces inserted
    [InlineData("云\u200B朵", "云朵")] // zero-width space inserted
    [InlineData("ＯＦＦＩＣＩＡＬ", "official")] // full-width Latin
    [InlineData("оffiсiаl", "official")] // Cyrillic о, с, а
    [InlineData("0FF1CIAL", "official")] // digits for letters
    [InlineData("藍鯨", "蓝鲸")] // both characters traditional
    public void Skeleton_LookAlikeSpellings_Equal(string lookAlike, string plain)
        => Assert.Equal(Confusables.Skeleton(plain), Confusables.Skeleton(lookAlike));

    [Theory]
    [InlineData("云朵", "云岫")]
    [InlineData("星河", "星野")]
    [InlineData("官方", "官网")]
    public void Skeleton_DifferentNames_Differ(string a, string b)
        => Assert.NotEqual(Confusables.Skeleton(a), Confusables.Skeleton(b));

    [Fact]
    public void Skeleton_NullOrEmpty_IsEmpty()
    {
        Assert.Equal("", Confusables.Skeleton(null));
        Assert.Equal("", Confusables.Skeleton("·—！"));
    }
}

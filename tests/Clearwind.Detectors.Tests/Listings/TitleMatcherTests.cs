using Clearwind.Listings;

namespace Clearwind.Detectors.Tests.Listings;

public sealed class TitleMatcherTests
{
    [Fact]
    public void Sign_EnglishTitle_KeepsModelCodesWithoutHyphensAndSkipsMeasures()
    {
        var signature = TitleMatcher.Sign("Sony Cyber-shot DSC-W150 8.1MP camera, 1080p, 64GB, 2008 model");

        Assert.Contains("dscw150", signature.Tokens);
        Assert.Contains("cybershot", signature.Tokens);
        Assert.Equal(["dscw150"], signature.Codes); // 1080p and 64gb are measures, 2008 has too few digits, 81mp is a measure
    }

    [Fact]
    public void Sign_ChineseTitleWithoutSpaces_FindsTheEmbeddedModel()
    {
        var signature = TitleMatcher.Sign("适用Note12手机壳防摔全包软壳");

        Assert.Equal(["note12"], signature.Tokens);
        Assert.Equal(["note12"], signature.Codes);
        Assert.Equal(TitleText.Bigrams("适用Note12手机壳防摔全包软壳"), signature.Bigrams);
    }

    [Theory]
    [InlineData("LG LMVM2085WH over-the-range microwave", "lg lmvm-2085 wh 2.0 cu.ft microwave oven", CodeAgreement.Exact)]
    [InlineData("Sony VAIO CS series notebook VGNCS180JR", "sony vaio vgn-cs180j / r 14.1-inch notebook", CodeAgreement.Exact)]
    [InlineData("nikon coolpix s550 digital camera", "nikon black digital camera coolpixs550", CodeAgreement.Exact)]
    [InlineData("sony cyber-shot dsc-w150 digital camera", "sony silver digital camera dscw150b", CodeAgreement.Related)]
    [InlineData("ge futura indoor tv antenna tv24746", "ge 24746 futura indoor hdtv antenna", CodeAgreement.Related)]
    [InlineData("Sony KD-55X80K 4K HDR LED TV", "Sony KD-65X80K 4K HDR LED TV", CodeAgreement.Conflict)]
    [InlineData("canon powershot sd1100 is digital camera", "canon powershot sd1000 digital camera", CodeAgreement.Conflict)]
    [InlineData("适用Note12手机壳防摔", "适用Mate40手机壳防摔", CodeAgreement.Conflict)]
    [InlineData("北极光爆款加厚纯棉白色T恤男", "北极光纯棉T恤男加厚白色爆款", CodeAgreement.None)]
    [InlineData("sony dvd player dvpns700h", "sony portable dvd player", CodeAgreement.None)]
    public void CompareCodes_ReadsTheModelCodes(string left, string right, CodeAgreement expected)
        => Assert.Equal(expected, TitleMatcher.CompareCodes(TitleMatcher.Sign(left), TitleMatcher.Sign(right)));

    [Fact]
    public void Compare_ChineseTitles_DiceIsTheBigramRuleAndARewordedCopyOutscoresAnotherProduct()
    {
        var matcher = new TitleMatcher();
        var original = TitleMatcher.Sign("北极光爆款加厚纯棉白色T恤男");
        var copy = TitleMatcher.Sign("北极光纯棉白色T恤男加厚爆款");
        var other = TitleMatcher.Sign("北极光爆款加厚羊毛灰色卫衣男");
        foreach (var s in new[] { original, copy, other })
        {
            matcher.Learn(s);
        }

        var same = matcher.Compare(original, copy);
        var different = matcher.Compare(original, other);

        Assert.Equal(TitleText.Dice(TitleText.Bigrams("北极光爆款加厚纯棉白色T恤男"), TitleText.Bigrams("北极光纯棉白色T恤男加厚爆款")), same.Dice);
        Assert.True(same.Dice > 0.7, $"copy Dice {same.Dice}");
        Assert.True(different.Dice < 0.5, $"other Dice {different.Dice}");
        Assert.True(same.Score > different.Score);
        Assert.False(same.ColourConflict);
        Assert.True(different.ColourConflict); // 白色 / 灰色
    }

    [Fact]
    public void Compare_SharedRareCode_OutweighsFewSharedWordsAndConflictingCodesOutweighManySharedWords()
    {
        var matcher = new TitleMatcher();
        string[] corpus =
        [
            "panasonic lumix dmc-tz5 digital camera", "panasonic dmctz5 lumix camera",
            "panasonic lumix dmc-fz18 digital camera", "panasonic lumix dmc-fx35 digital camera",
            "sony cyber-shot dsc-w150 digital camera", "canon powershot sd1100 digital camera",
        ];
        foreach (var title in corpus)
        {
            matcher.Learn(TitleMatcher.Sign(title));
        }

        var sameModel = matcher.Compare(TitleMatcher.Sign(corpus[0]), TitleMatcher.Sign(corpus[1]));
        var otherModel = matcher.Compare(TitleMatcher.Sign(corpus[2]), TitleMatcher.Sign(corpus[3]));

        Assert.Equal(CodeAgreement.Exact, sameModel.Codes);
        Assert.Equal(CodeAgreement.Conflict, otherModel.Codes);
        Assert.True(otherModel.Dice > sameModel.Dice, $"Dice {otherModel.Dice} / {sameModel.Dice}"); // the words agree more …
        Assert.True(sameModel.Score >= TitleMatchWeights.DefaultThreshold, $"same model {sameModel.Score}");
        Assert.True(otherModel.Score < TitleMatchWeights.DefaultThreshold, $"other model {otherModel.Score}"); // … the codes do not
    }

    [Fact]
    public void Compare_EmptyTitles_ScoreNothing()
    {
        var match = new TitleMatcher().Compare(TitleMatcher.Sign(null), TitleMatcher.Sign("   "));

        Assert.Equal(0, match.Dice);
        Assert.Equal(CodeAgreement.None, match.Codes);
        Assert.True(match.Score < TitleMatchWeights.DefaultThreshold);
    }
}

using Clearwind.Detection;
using Clearwind.Output;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Output;

/// <summary>Evidence is written with its Chinese text right after the English one, and older findings still read.</summary>
public sealed class EvidenceJsonTests
{
    [Fact]
    public void Write_Evidence_TextZhFollowsTextAndRoundTrips()
    {
        var finding = Some.Finding(text: "3 orders from one buyer within 1 hour", textZh: "同一买家在 1 小时内下了 3 笔订单");

        var json = OutputJson.Write(finding);

        Assert.Contains("\"evidence\":[{\"text\":\"3 orders from one buyer within 1 hour\",\"text_zh\":\"同一买家在 1 小时内下了 3 笔订单\",\"events\":", json, StringComparison.Ordinal);
        var read = Assert.Single(OutputJson.ReadFinding(json).Evidence);
        Assert.Equal("同一买家在 1 小时内下了 3 笔订单", read.TextZh);
        Assert.Equal("同一买家在 1 小时内下了 3 笔订单", read.In("zh-CN"));
        Assert.Equal("3 orders from one buyer within 1 hour", read.In("en"));
    }

    [Fact]
    public void Read_FindingWrittenBeforeTextZh_FallsBackToEnglish()
    {
        var json = OutputJson.Write(Some.Finding(text: "3 orders from one buyer within 1 hour")).Replace(",\"text_zh\":\"同一买家在 1 小时内下了 3 笔订单\"", "", StringComparison.Ordinal);
        Assert.DoesNotContain("text_zh", json, StringComparison.Ordinal);

        var read = Assert.Single(OutputJson.ReadFinding(json).Evidence);

        Assert.True(string.IsNullOrEmpty(read.TextZh));
        Assert.Equal("3 orders from one buyer within 1 hour", read.In("zh"));
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using Clearwind.Alliance;
using Clearwind.Events;
using Clearwind.Policy;
using Clearwind.Storage;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Alliance;

public sealed class AllianceMentionsTests
{
    private static readonly AllianceHasher Hasher = new("the alliance's shared key, 2016");

    [Theory]
    [InlineData("亲，加QQ群 123456789 领刷单任务，好评返现", "chat_group", "123456789")]
    [InlineData("任务在群号：88886666", "chat_group", "88886666")]
    [InlineData("进微信群 5201314520 返本金", "chat_group", "5201314520")]
    [InlineData("接单看 https://www.Shua-Dan.com/task?id=3", "website", "shua-dan.com")]
    [InlineData("上 shuadan.top 注册", "website", "shuadan.top")]
    [InlineData("频道 t.me/BrushJobs2026", "chat_group", "t.me/brushjobs2026")]
    public void In_NamesTheSiteOrGroup(string text, string kind, string value)
        => Assert.Contains((kind, value), AllianceMentions.In(text));

    [Theory]
    [InlineData("很好，已确认收货")]
    [InlineData("价格 2.5 元，版本 1.2.3，包邮")]
    [InlineData("订单号 202611110001 已发货")]
    [InlineData(null)]
    public void In_OrdinaryMessages_NameNothing(string? text) => Assert.Empty(AllianceMentions.In(text));

    [Fact]
    public async Task Export_ListsSitesAndGroupsAConfirmedActorNamed_NotOnesManyAccountsMention()
    {
        var store = new InMemoryStore();
        var t = Some.Epoch;
        var chats = new List<MarketEvent>
        {
            Chat("c1", "b1", "加QQ群 88886666 领任务，访问 shua-dan.com 返现", t),
            Chat("c2", "b1", "付款走 taobao.com 就行", t.AddMinutes(1)),
        };
        for (var i = 0; i < 5; i++)
        {
            chats.Add(Chat($"h{i}", $"honest{i}", "我在 taobao.com 上买的", t.AddMinutes(2 + i)));
        }

        await store.AppendAsync([.. chats.Select((e, i) => Some.StoredEvent(i + 1, e))]);
        var finding = Some.Finding(pattern: "order_brushing.ring") with { Entity = new EntityRef(EntityTypes.Account, "b1") };
        await store.SaveAsync([finding]);
        await store.AppendAsync([Some.Decision(action: DecisionActions.Throttle, rule: "order_brushing.ring", findings: [finding.Id]) with { Entity = new EntityRef(EntityTypes.Account, "b1") }]);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var result = await AllianceExport.ExportAsync(store, Hasher, key, new AllianceExportOptions { Source = "platform-a" }, t.AddDays(1));

        var entries = AllianceFile.Read(result.File, key).Entries.Select(e => (e.Kind, e.Hash)).ToList();
        Assert.Contains((AllianceKinds.ChatGroup, Hasher.Hash(AllianceKinds.ChatGroup, "88886666")), entries);
        Assert.Contains((AllianceKinds.Website, Hasher.Hash(AllianceKinds.Website, "shua-dan.com")), entries);
        Assert.Contains((AllianceKinds.Account, Hasher.Hash(AllianceKinds.Account, "b1")), entries);
        Assert.DoesNotContain((AllianceKinds.Website, Hasher.Hash(AllianceKinds.Website, "taobao.com")), entries);
        Assert.Equal(1, result.SharedLeftOut);
        Assert.Equal(3, entries.Count);
        Assert.DoesNotContain("88886666", JsonSerializer.Serialize(entries), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_AnEntryThisPlatformWithdrew_StaysOutAndIsListedAsWithdrawn_ALiftedOneToo()
    {
        var store = new InMemoryStore();
        var t = Some.Epoch;
        await store.AppendAsync([Some.StoredEvent(1, Chat("c1", "b1", "加QQ群 88886666 领任务", t)), Some.StoredEvent(2, Chat("c2", "b2", "hello", t))]);
        var (f1, f2) = (Some.Finding(pattern: "order_brushing.ring") with { Entity = new EntityRef(EntityTypes.Account, "b1") }, Some.Finding(pattern: "fake_likes.zombies", from: t.AddHours(2)) with { Entity = new EntityRef(EntityTypes.Account, "b2") });
        await store.SaveAsync([f1, f2]);
        var throttleB2 = Some.Decision(id: "d-b2", action: DecisionActions.Throttle, rule: "fake_likes.zombies", findings: [f2.Id]) with { Entity = new EntityRef(EntityTypes.Account, "b2") };
        await store.AppendAsync([Some.Decision(id: "d-b1", action: DecisionActions.Throttle, rule: "order_brushing.ring", findings: [f1.Id]) with { Entity = new EntityRef(EntityTypes.Account, "b1") }, throttleB2]);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = new AllianceExportOptions { Source = "platform-a" };
        var first = AllianceFile.Read((await AllianceExport.ExportAsync(store, Hasher, key, options, t.AddDays(1))).File, key);
        var groupKey = first.Entries.Single(e => e.Kind == AllianceKinds.ChatGroup).Key;
        var b2Key = first.Entries.Single(e => e.Hash == Hasher.Hash(AllianceKinds.Account, "b2")).Key;

        await AllianceExchange.WithdrawAsync(store, [groupKey], "staff-1", "the group was a customer-service group", t.AddDays(2));
        await store.AppendAsync([DecisionReversals.Overturn(throttleB2, t.AddDays(2), "case-9")]);
        var second = AllianceFile.Read((await AllianceExport.ExportAsync(store, Hasher, key, options, t.AddDays(3))).File, key);

        Assert.DoesNotContain(second.Entries, e => e.Key == groupKey || e.Key == b2Key);
        Assert.Contains(second.Entries, e => e.Hash == Hasher.Hash(AllianceKinds.Account, "b1"));
        Assert.Equal([b2Key, groupKey], second.Withdrawn.Order(StringComparer.Ordinal));
    }

    private static ChatMessage Chat(string id, string from, string text, DateTimeOffset at)
        => new() { Id = id, Ts = at, Message = "m-" + id, From = from, To = "s1", Text = text };
}

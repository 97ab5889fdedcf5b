using Clearwind.Orleans.Membership;
using Clearwind.Orleans.Reminders;
using Clearwind.TestKit;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Clearwind.Orleans.Tests;

/// <summary><see cref="PostgresReminderTable"/> against IReminderTable's contract, on a real server.</summary>
[Trait("Category", TestPostgres.Category)]
public sealed class PostgresReminderTableTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);
    private readonly TestSchema _schema = TestPostgres.NewSchema();
    private PostgresReminderTable _table = null!;

    public async Task InitializeAsync()
    {
        _table = Table("clearwind");
        await _table.Init();
    }

    public async Task DisposeAsync()
    {
        await _table.DisposeAsync();
        await _schema.DisposeAsync();
    }

    private PostgresReminderTable Table(string serviceId)
        => new(Options.Create(new PostgresMembershipOptions { Store = _schema.Location }), Options.Create(new ClusterOptions { ClusterId = "cluster-a", ServiceId = serviceId }));

    private static ReminderEntry Entry(string grain, string name = "detection-round", int minutes = 5)
        => new() { GrainId = GrainId.Create("detection", grain), ReminderName = name, StartAt = Start, Period = TimeSpan.FromMinutes(minutes) };

    [Fact]
    public async Task UpsertRow_ThenReadRow_GivesItBackWithItsEtag_AndASecondUpsertMovesTheEtag()
    {
        var first = await _table.UpsertRow(Entry("0"));
        var read = await _table.ReadRow(GrainId.Create("detection", "0"), "detection-round");

        Assert.NotNull(read);
        Assert.Equal((Start, TimeSpan.FromMinutes(5), first), (read.StartAt, read.Period, read.ETag));
        var second = await _table.UpsertRow(Entry("0", minutes: 10));
        Assert.NotEqual(first, second);
        Assert.Equal(TimeSpan.FromMinutes(10), (await _table.ReadRow(GrainId.Create("detection", "0"), "detection-round"))!.Period);
        Assert.Single((await _table.ReadRows(GrainId.Create("detection", "0"))).Reminders);
    }

    [Fact]
    public async Task RemoveRow_NeedsTheCurrentEtag()
    {
        var etag = await _table.UpsertRow(Entry("0"));
        var grain = GrainId.Create("detection", "0");

        Assert.False(await _table.RemoveRow(grain, "detection-round", "999"));
        Assert.NotNull(await _table.ReadRow(grain, "detection-round"));
        Assert.True(await _table.RemoveRow(grain, "detection-round", etag!));
        Assert.Null(await _table.ReadRow(grain, "detection-round"));
    }

    [Fact]
    public async Task ReadRows_ByHashRange_GivesTheRemindersOfThatShareOfTheRing_AlsoWhenItWraps()
    {
        var entries = Enumerable.Range(0, 40).Select(i => Entry(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        foreach (var entry in entries)
        {
            await _table.UpsertRow(entry);
        }

        var hashes = entries.Select(e => e.GrainId.GetUniformHashCode()).Order().ToList();
        var (low, high) = (hashes[9], hashes[29]);
        var inside = await _table.ReadRows(low, high);
        Assert.Equal(hashes.Where(h => h > low && h <= high).Order(), inside.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order());
        var wrapped = await _table.ReadRows(high, low);
        Assert.Equal(hashes.Where(h => h > high || h <= low).Order(), wrapped.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order());
        Assert.Equal(40, inside.Reminders.Count + wrapped.Reminders.Count);
    }

    [Fact]
    public async Task AnotherService_SeesNoneOfThisOnesReminders()
    {
        await _table.UpsertRow(Entry("0"));
        await using var other = Table("another-service");
        await other.Init();

        Assert.Empty((await other.ReadRows(GrainId.Create("detection", "0"))).Reminders);
        await other.TestOnlyClearTable();
        Assert.Single((await _table.ReadRows(GrainId.Create("detection", "0"))).Reminders);
    }
}

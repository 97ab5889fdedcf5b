using Clearwind.Windows;

namespace Clearwind.Core.Tests.Windows;

public sealed class ExpiringIndexTests
{
    private static readonly long Hour = TimeSpan.FromHours(1).Ticks;

    [Fact]
    public void Expire_ForgetsEntriesOlderThanTheLifetimeAndKeepsTheRest()
    {
        var index = new ExpiringIndex<string>(TimeSpan.FromHours(3));
        index.TryAdd("o1", "first", 0);
        index.TryAdd("o2", "second", 2 * Hour);

        index.Expire(3 * Hour); // o1 is exactly three hours old: still held
        Assert.Equal(2, index.Count);

        index.Expire((3 * Hour) + 1);
        Assert.False(index.TryGetValue("o1", out _));
        Assert.True(index.TryGetValue("o2", out var kept));
        Assert.Equal("second", kept);
    }

    [Fact]
    public void TryAdd_KeyAlreadyHeld_KeepsTheFirstValue()
    {
        var index = new ExpiringIndex<int>(TimeSpan.FromHours(1));

        Assert.True(index.TryAdd("o1", 1, 0));
        Assert.False(index.TryAdd("o1", 2, Hour / 2));

        Assert.True(index.Remove("o1", out var value));
        Assert.Equal(1, value);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Expire_KeyRemovedAndAddedAgainLater_LivesFromItsNewTime()
    {
        var index = new ExpiringIndex<int>(TimeSpan.FromHours(1));
        index.TryAdd("o1", 1, 0);
        index.Remove("o1", out _);
        index.TryAdd("o1", 2, 2 * Hour);

        index.Expire((2 * Hour) + (Hour / 2)); // the first slot is due, but it no longer stands for o1

        Assert.True(index.TryGetValue("o1", out var value));
        Assert.Equal(2, value);
    }
}

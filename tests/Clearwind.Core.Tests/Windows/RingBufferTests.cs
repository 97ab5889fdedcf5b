using Clearwind.Windows;

namespace Clearwind.Core.Tests.Windows;

public sealed class RingBufferTests
{
    [Fact]
    public void PushAndPop_InterleavedPastCapacity_KeepFifoOrder()
    {
        var buffer = new RingBuffer<int>(2);
        var expected = new Queue<int>();
        for (var i = 0; i < 1000; i++)
        {
            buffer.PushBack(i);
            expected.Enqueue(i);
            if (i % 3 == 0)
            {
                Assert.Equal(expected.Dequeue(), buffer.PopFront());
            }
        }

        Assert.Equal(expected.Count, buffer.Count);
        Assert.Equal(expected.ToArray(), Enumerable.Range(0, buffer.Count).Select(i => buffer[i]));
        Assert.Equal(expected.Peek(), buffer.Front);
        Assert.Equal(999, buffer.Back);
    }

    [Fact]
    public void PopFront_Empty_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new RingBuffer<int>().PopFront());
    }
}

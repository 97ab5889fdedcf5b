namespace Clearwind.TestKit;

/// <summary>A batch that cancels its token when element <c>at</c> is taken: a failure in the middle of a transaction.</summary>
public sealed class CancelAt<T>(IReadOnlyList<T> items, int at, CancellationTokenSource cts) : IReadOnlyList<T>
{
    public int Count => items.Count;

    public T this[int index]
    {
        get
        {
            if (index == at)
            {
                cts.Cancel();
            }

            return items[index];
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

namespace Clearwind.Windows;

/// <summary>
/// A growable first-in first-out buffer with indexed access: the backing store of event-time sliding windows
/// (push at the back as events arrive, pop at the front as they leave the window). Amortised O(1) both ends.
/// </summary>
/// <typeparam name="T">Item type.</typeparam>
public sealed class RingBuffer<T>
{
    private T[] _items;
    private int _head;

    /// <summary>Creates an empty buffer.</summary>
    public RingBuffer(int capacity = 4) => _items = new T[Math.Max(1, capacity)];

    /// <summary>Number of items.</summary>
    public int Count { get; private set; }

    /// <summary>The item <paramref name="index"/> places from the front.</summary>
    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return ref _items[(_head + index) % _items.Length];
        }
    }

    /// <summary>The oldest item.</summary>
    public ref T Front => ref this[0];

    /// <summary>The newest item.</summary>
    public ref T Back => ref this[Count - 1];

    /// <summary>Adds an item at the back.</summary>
    public void PushBack(T item)
    {
        if (Count == _items.Length)
        {
            var grown = new T[_items.Length * 2];
            for (var i = 0; i < Count; i++)
            {
                grown[i] = _items[(_head + i) % _items.Length];
            }

            _items = grown;
            _head = 0;
        }

        _items[(_head + Count) % _items.Length] = item;
        Count++;
    }

    /// <summary>Removes and returns the oldest item.</summary>
    public T PopFront()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("the buffer is empty");
        }

        var item = _items[_head];
        _items[_head] = default!;
        _head = (_head + 1) % _items.Length;
        Count--;
        if (Count == 0 && _items.Length > 64)
        {
            // An idle key gives its memory back.
            _items = new T[4];
            _head = 0;
        }

        return item;
    }
}

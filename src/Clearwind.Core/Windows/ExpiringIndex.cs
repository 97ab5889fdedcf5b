namespace Clearwind.Windows;

/// <summary>
/// Values by key that are forgotten a fixed span of event time after they were added: orders waiting for their payment
/// or cancellation, for instance. The first value added under a key stays until it is removed or expires.
/// </summary>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class ExpiringIndex<TValue>
{
    private readonly Dictionary<string, (TValue Value, long Ticks)> _items = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, long Ticks)> _byTime = new();
    private readonly long _lifetimeTicks;

    /// <summary>Creates an empty index whose entries live <paramref name="lifetime"/> of event time.</summary>
    public ExpiringIndex(TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, TimeSpan.Zero);
        _lifetimeTicks = lifetime.Ticks;
    }

    /// <summary>Entries held.</summary>
    public int Count => _items.Count;

    /// <summary>Adds a value at event time <paramref name="ticks"/> unless the key is already held.</summary>
    public bool TryAdd(string key, TValue value, long ticks)
    {
        if (!_items.TryAdd(key, (value, ticks)))
        {
            return false;
        }

        _byTime.Enqueue((key, ticks));
        return true;
    }

    /// <summary>Finds a held value.</summary>
    public bool TryGetValue(string key, out TValue value)
    {
        var found = _items.TryGetValue(key, out var item);
        value = item.Value;
        return found;
    }

    /// <summary>Takes a held value out.</summary>
    public bool Remove(string key, out TValue value)
    {
        var found = _items.Remove(key, out var item);
        value = item.Value;
        return found;
    }

    /// <summary>Forgets the entries added more than the lifetime before <paramref name="now"/> (event-time ticks).</summary>
    public void Expire(long now)
    {
        while (_byTime.TryPeek(out var head) && head.Ticks + _lifetimeTicks < now)
        {
            _byTime.Dequeue();

            // The key may have been removed and added again since: only the entry this queue slot stands for goes.
            if (_items.TryGetValue(head.Key, out var item) && item.Ticks == head.Ticks)
            {
                _items.Remove(head.Key);
            }
        }
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        _items.Clear();
        _byTime.Clear();
    }
}

namespace Clearwind.Detection;

/// <summary>
/// State that detectors of one pipeline share instead of each keeping a copy (one ledger of accounts and orders for
/// several patterns): built once per key, handed to every detector that asks with an equal key. A detector holding
/// shared state names it in <see cref="Detector.SharedPart"/>, so that the parallel pipeline never runs two holders at once.
/// </summary>
public sealed class SharedState
{
    private readonly Dictionary<object, object> _parts = [];

    /// <summary>The part made for <paramref name="key"/> (a value with equality, e.g. a tuple of the type and its settings), made now if new.</summary>
    public T GetOrAdd<T>(object key, Func<T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(create);
        lock (_parts)
        {
            if (!_parts.TryGetValue(key, out var part))
            {
                _parts[key] = part = create();
            }

            return (T)part;
        }
    }
}

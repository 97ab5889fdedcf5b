using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Clearwind.Service.Endpoints;

/// <summary>
/// Answers a repeated <c>Idempotency-Key</c> with the first answer instead of doing the work again; the same key with
/// another body is refused. Kept in memory for the most recent <see cref="Capacity"/> keys (event ids make ingest
/// idempotent across restarts anyway: a repeat is stored once).
/// </summary>
internal sealed class IdempotencyCache
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Runs <paramref name="work"/> once per key; a second call with the same key and body gets the same result.</summary>
    public async Task<(IResult Result, bool Replayed)> RunAsync(string key, ReadOnlyMemory<byte> body, Func<Task<IResult>> work)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(body.Span));
        var fresh = new Entry(hash, new Lazy<Task<IResult>>(work));
        var entry = _entries.GetOrAdd(key, fresh);
        if (ReferenceEquals(entry, fresh))
        {
            _order.Enqueue(key);
            while (_order.Count > Capacity && _order.TryDequeue(out var old))
            {
                _entries.TryRemove(old, out _);
            }
        }

        if (entry.BodyHash != hash)
        {
            return (TypedResults.Problem("this Idempotency-Key was used with another body", statusCode: StatusCodes.Status422UnprocessableEntity), false);
        }

        try
        {
            return (await entry.Work.Value, !ReferenceEquals(entry, fresh));
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)); // a failure is not remembered: the retry runs
            throw;
        }
    }

    private sealed record Entry(string BodyHash, Lazy<Task<IResult>> Work);
}

namespace Clearwind.Service.Live;

/// <summary>Events stored per second over the last minute, counted per second of wall time (for the console's dashboard).</summary>
internal sealed class IngestRate(TimeProvider time)
{
    private const int Seconds = 60;
    private readonly long[] _counts = new long[Seconds];
    private readonly long[] _stamps = new long[Seconds];
    private readonly Lock _gate = new();

    public void Add(int events)
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            var slot = (int)(second % Seconds);
            if (_stamps[slot] != second)
            {
                _stamps[slot] = second;
                _counts[slot] = 0;
            }

            _counts[slot] += events;
        }
    }

    public double PerSecond()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        long sum = 0;
        lock (_gate)
        {
            for (var i = 0; i < Seconds; i++)
            {
                if (now - _stamps[i] < Seconds)
                {
                    sum += _counts[i];
                }
            }
        }

        return Math.Round(sum / (double)Seconds, 2);
    }
}

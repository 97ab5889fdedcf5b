namespace Clearwind.Storage.Postgres;

/// <summary>Times as the store keeps them: UTC, to the millisecond (as the SQLite store), in <c>timestamptz</c> columns.</summary>
internal static class PostgresTime
{
    public static DateTime ToColumn(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    public static DateTimeOffset FromColumn(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);
}

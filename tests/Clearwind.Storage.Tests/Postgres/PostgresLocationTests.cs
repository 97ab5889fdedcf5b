using Clearwind.Storage.Postgres;

namespace Clearwind.Storage.Tests.Postgres;

/// <summary><see cref="PostgresLocation"/>: URIs and keyword strings read alike, and the password is never shown.</summary>
public sealed class PostgresLocationTests
{
    [Theory]
    [InlineData("postgres://cw:pw@db.example:6543/market")]
    [InlineData("postgresql://cw:pw@db.example:6543/market")]
    [InlineData("Host=db.example;Port=6543;Username=cw;Password=pw;Database=market")]
    public void Parse_UriOrKeywords_ReadsTheSameServer(string value)
    {
        var location = PostgresLocation.Parse(value);

        var settings = new Npgsql.NpgsqlConnectionStringBuilder(location.ConnectionString);
        Assert.Equal("db.example", settings.Host);
        Assert.Equal(6543, settings.Port);
        Assert.Equal("cw", settings.Username);
        Assert.Equal("pw", settings.Password);
        Assert.Equal("market", settings.Database);
        Assert.Equal(PostgresLocation.DefaultSchema, location.Schema);
        Assert.Equal(PostgresLocation.DefaultSchema, settings.SearchPath);
    }

    [Fact]
    public void Parse_UriWithEscapesDefaultPortAndQuery_DecodesThem()
    {
        var location = PostgresLocation.Parse("postgres://clear%40wind:p%3Aw%2Fd%20x@localhost/my%20db?schema=cw_prod&sslmode=disable&application_name=clearwind%20scan");

        var settings = new Npgsql.NpgsqlConnectionStringBuilder(location.ConnectionString);
        Assert.Equal("clear@wind", settings.Username);
        Assert.Equal("p:w/d x", settings.Password);
        Assert.Equal("my db", settings.Database);
        Assert.Equal(5432, settings.Port);
        Assert.Equal("cw_prod", location.Schema);
        Assert.Equal(Npgsql.SslMode.Disable, settings.SslMode);
        Assert.Equal("clearwind scan", settings.ApplicationName);
    }

    [Fact]
    public void Parse_KeywordsWithSchema_TakesTheSchemaOutOfTheConnectionString()
    {
        var location = PostgresLocation.Parse("Host=localhost;Username=cw;Schema=cw_test");

        Assert.Equal("cw_test", location.Schema);
        Assert.DoesNotContain("Schema=", location.ConnectionString, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("postgres://cw:s3cret@localhost/db?schema=Bad-Name")]
    [InlineData("postgres://cw:s3cret@localhost/db?no_such_setting=1")]
    [InlineData("postgres://cw:s3cret@/db")]
    [InlineData("Host=localhost;Password=s3cret;Bogus Keyword=1")]
    [InlineData("Host=localhost;Password=s3cret;Port=notanumber")]
    public void Parse_BadLocation_ThrowsWithoutThePassword(string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => PostgresLocation.Parse(value));

        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://cw:s3cret@db:5433/market?schema=cw_prod", "postgres://cw@db:5433/market?schema=cw_prod")]
    [InlineData("Host=db;Username=cw;Password=s3cret;Database=market", "postgres://cw@db:5432/market?schema=clearwind")]
    [InlineData("postgres://cw:s3cret@db:5433/market?no_such_setting=1", "postgres://cw:***@db:5433/market?no_such_setting=1")]
    [InlineData("Host=db;Password=s3cret;Bogus Keyword=1", "(a PostgreSQL connection string that cannot be read)")]
    public void Describe_AnyLocation_LeavesThePasswordOut(string value, string shown)
        => Assert.Equal(shown, PostgresLocation.Describe(value));

    [Theory]
    [InlineData("postgres://x@y/z", true)]
    [InlineData("POSTGRESQL://x@y/z", true)]
    [InlineData("clearwind.db", false)]
    [InlineData("Host=db", false)]
    public void IsUri_OnlyForPostgresSchemes(string value, bool expected) => Assert.Equal(expected, PostgresLocation.IsUri(value));
}

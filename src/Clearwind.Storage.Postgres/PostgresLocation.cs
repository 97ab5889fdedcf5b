using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Clearwind.Storage.Postgres;

/// <summary>
/// Where a <see cref="PostgresStore"/> lives: a server, a database and a schema, read from a <c>postgres://</c> or
/// <c>postgresql://</c> URI or from an Npgsql keyword string. The password is kept for connecting only: <see cref="ToString"/>
/// and every message built from a location leave it out.
/// </summary>
public sealed partial class PostgresLocation
{
    /// <summary>The schema Clearwind's tables go to when the location names none.</summary>
    public const string DefaultSchema = "clearwind";

    private PostgresLocation(NpgsqlConnectionStringBuilder connection, string schema)
    {
        Connection = connection;
        Schema = schema;
    }

    /// <summary>The connection settings (a copy is handed to Npgsql; the search path is set to <see cref="Schema"/>).</summary>
    internal NpgsqlConnectionStringBuilder Connection { get; }

    /// <summary>
    /// The Npgsql connection string, search path set to <see cref="Schema"/>. It holds the password: for connecting
    /// (tools, tests), never for showing; show <see cref="ToString"/>.
    /// </summary>
    public string ConnectionString => Connection.ConnectionString;

    /// <summary>The schema holding Clearwind's tables (created on open when missing).</summary>
    public string Schema { get; }

    /// <summary>True for a <c>postgres://</c> or <c>postgresql://</c> URI.</summary>
    public static bool IsUri(string? value)
        => value is not null
           && (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads a location. A URI is <c>postgres://user:password@host:port/database?schema=NAME&amp;sslmode=require</c>
    /// (user, password and database percent-encoded; query keys are Npgsql keywords or the libpq names <c>sslmode</c>,
    /// <c>application_name</c> and <c>connect_timeout</c>). A keyword string is Npgsql's, e.g.
    /// <c>Host=db;Username=clearwind;Password=…;Database=clearwind</c>, with an optional <c>Schema=NAME</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The value cannot be read; the message never contains the password.</exception>
    public static PostgresLocation Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var settings = IsUri(value) ? FromUri(value) : FromKeywords(value);
        var schema = DefaultSchema;
        var builder = new NpgsqlConnectionStringBuilder();
        foreach (var (key, setting) in settings)
        {
            if (string.Equals(key, "schema", StringComparison.OrdinalIgnoreCase))
            {
                schema = setting;
                continue;
            }

            try
            {
                builder[key] = setting;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException($"PostgreSQL location: the setting '{key}' is unknown or has an invalid value", nameof(value), ex);
            }
        }

        if (!SchemaName().IsMatch(schema))
        {
            throw new ArgumentException($"PostgreSQL location: schema '{schema}' must be lower-case letters, digits and '_' (at most 63, not starting with a digit)", nameof(value));
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new ArgumentException("PostgreSQL location: no host given", nameof(value));
        }

        builder.SearchPath = schema;
        return new PostgresLocation(builder, schema);
    }

    /// <summary>The location without its password: <c>postgres://user@host:port/database?schema=NAME</c>.</summary>
    public override string ToString()
    {
        var user = string.IsNullOrEmpty(Connection.Username) ? "" : Uri.EscapeDataString(Connection.Username) + "@";
        var host = Connection.Host ?? "";
        var database = Connection.Database is { Length: > 0 } db ? Uri.EscapeDataString(db) : "";
        return string.Create(CultureInfo.InvariantCulture, $"postgres://{user}{host}:{Connection.Port}/{database}?schema={Schema}");
    }

    /// <summary>A location given as text, its password left out (a best effort for text that does not parse).</summary>
    public static string Describe(string value)
    {
        try
        {
            return Parse(value).ToString();
        }
        catch (ArgumentException)
        {
            return IsUri(value) ? UriPassword().Replace(value, "$1:***@") : "(a PostgreSQL connection string that cannot be read)";
        }
    }

    private static List<(string Key, string Value)> FromUri(string value)
    {
        Uri uri;
        try
        {
            uri = new Uri(value, UriKind.Absolute);
        }
        catch (UriFormatException ex)
        {
            throw new ArgumentException($"PostgreSQL location: not a valid URI ({UriPassword().Replace(value, "$1:***@")})", nameof(value), ex);
        }

        var settings = new List<(string, string)>();
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? uri.UserInfo : uri.UserInfo[..colon];
            settings.Add(("Username", Uri.UnescapeDataString(user)));
            if (colon >= 0)
            {
                settings.Add(("Password", Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..])));
            }
        }

        if (uri.IdnHost.Length > 0)
        {
            settings.Add(("Host", uri.IdnHost));
        }

        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            settings.Add(("Port", uri.Port.ToString(CultureInfo.InvariantCulture)));
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            settings.Add(("Database", database));
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var setting = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            settings.Add((LibpqName(key), setting));
        }

        return settings;
    }

    private static List<(string Key, string Value)> FromKeywords(string value)
    {
        var parsed = new DbConnectionStringBuilder();
        try
        {
            parsed.ConnectionString = value;
        }
        catch (ArgumentException ex)
        {
            // The framework's message may quote the string: say only what went wrong.
            throw new ArgumentException("PostgreSQL location: neither a postgres:// URI nor a readable keyword string (Host=…;Database=…)", nameof(value), ex);
        }

        var settings = new List<(string, string)>();
        foreach (string key in parsed.Keys)
        {
            settings.Add((key, Convert.ToString(parsed[key], CultureInfo.InvariantCulture) ?? ""));
        }

        return settings;
    }

    // The libpq parameter names a URI usually carries, as Npgsql calls them; anything else is passed on as it is.
    private static string LibpqName(string key) => key.ToLowerInvariant() switch
    {
        "sslmode" => "SSL Mode",
        "application_name" => "Application Name",
        "connect_timeout" => "Timeout",
        "user" => "Username",
        "dbname" => "Database",
        _ => key,
    };

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();

    [GeneratedRegex("^(postgres(?:ql)?://[^:/@]*):[^@]*@", RegexOptions.IgnoreCase)]
    private static partial Regex UriPassword();
}

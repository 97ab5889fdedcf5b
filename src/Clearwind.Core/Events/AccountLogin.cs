namespace Clearwind.Events;

/// <summary>An account logged in (<c>account.login</c>).</summary>
public sealed record AccountLogin : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "account.login";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Account id.</summary>
    public required string Account { get; init; }

    /// <summary>Login IP address.</summary>
    public string? Ip { get; init; }

    /// <summary>Device id (keyed with HMAC at ingest).</summary>
    public string? Device { get; init; }
}

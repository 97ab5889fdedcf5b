namespace Clearwind.Events;

/// <summary>An account was created (<c>account.registered</c>).</summary>
public sealed record AccountRegistered : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "account.registered";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Account id.</summary>
    public required string Account { get; init; }

    /// <summary>Display name.</summary>
    public string? Nickname { get; init; }

    /// <summary>Phone number (keyed with HMAC at ingest).</summary>
    public string? Phone { get; init; }

    /// <summary>Device id (keyed with HMAC at ingest).</summary>
    public string? Device { get; init; }

    /// <summary>Registration IP address.</summary>
    public string? Ip { get; init; }

    /// <summary>Avatar image hash.</summary>
    public string? Avatar { get; init; }
}

namespace Clearwind.Events;

/// <summary>A chat message between two accounts (<c>chat.message</c>).</summary>
public sealed record ChatMessage : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "chat.message";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Message id.</summary>
    public required string Message { get; init; }

    /// <summary>Sender account (or shop) id.</summary>
    public required string From { get; init; }

    /// <summary>Receiver account (or shop) id.</summary>
    public required string To { get; init; }

    /// <summary>Message text.</summary>
    public string? Text { get; init; }
}

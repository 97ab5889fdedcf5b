namespace Clearwind.Events;

/// <summary>A seller declared a traffic campaign ahead of time (<c>campaign.declared</c>).</summary>
public sealed record CampaignDeclared : MarketEvent
{
    /// <summary>The SPEC §7 type name.</summary>
    public const string TypeName = "campaign.declared";

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonPropertyOrder(-2)]
    public override string Type => TypeName;

    /// <summary>Campaign id.</summary>
    public required string Campaign { get; init; }

    /// <summary>Declaring shop.</summary>
    public required string Shop { get; init; }

    /// <summary>Listings the campaign promotes (all of the shop when empty).</summary>
    public IReadOnlyList<string>? Listings { get; init; }

    /// <summary>Campaign start.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Campaign end.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Channel: livestream, influencer, offsite.</summary>
    public string? Channel { get; init; }
}

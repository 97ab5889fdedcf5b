namespace Clearwind.Policy;

/// <summary>
/// The policy's penalty ladder for shops (SPEC §3, seed 003: warn → throttle → permanent closure): when a shop's strike
/// count reaches a rung, one extra escalation decision is recorded with rule <see cref="Rule"/>. The same rungs hold for
/// every shop; there is no tier.
/// </summary>
public sealed record StrikeLadder
{
    /// <summary>The rule name escalation decisions carry.</summary>
    public const string Rule = "policy.ladder";

    /// <summary>Strike count at which a shop is throttled (限流); null for no throttle rung.</summary>
    public int? ThrottleAtStrikes { get; init; }

    /// <summary>Strike count at which a shop is closed for good (关店); null for no close rung.</summary>
    public int? CloseAtStrikes { get; init; }

    /// <summary>Days the ladder's throttle lasts; the closure does not expire.</summary>
    public int ThrottleDays { get; init; } = 30;
}

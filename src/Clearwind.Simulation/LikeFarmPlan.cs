namespace Clearwind.Simulation;

/// <summary>A like farm, its pool of accounts and addresses, and the jobs it was paid for.</summary>
/// <param name="Style">How the farm works.</param>
/// <param name="Members">Accounts the farm likes with, in the order its script walks them.</param>
/// <param name="Zombies">Members that are throwaways (new, no avatar, never buy); the others are aged accounts.</param>
/// <param name="Ips">Addresses the farm likes from (empty when it rotates through fresh ones).</param>
/// <param name="Devices">Emulator devices the farm shares among its members (empty when each member has its own).</param>
/// <param name="Jobs">Listings boosted, each with who liked it when.</param>
internal sealed record LikeFarmPlan(
    LikeFarmStyle Style,
    IReadOnlyList<AccountProfile> Members,
    IReadOnlySet<AccountProfile> Zombies,
    IReadOnlyList<string> Ips,
    IReadOnlyList<string> Devices,
    IReadOnlyList<LikeJob> Jobs)
{
    /// <summary>Whether the farm's likes come from a small pool of addresses and devices.</summary>
    public bool Concentrated => Ips.Count > 0;
}

namespace Clearwind.Simulation;

/// <summary>One planned malicious order (恶意拍下): placed on a victim's listing, never paid.</summary>
/// <param name="Attacker">The account that places it.</param>
/// <param name="Listing">The victim's listing.</param>
/// <param name="At">When it is placed (ticks after the start).</param>
/// <param name="Ip">Network address used.</param>
/// <param name="Device">Device used.</param>
internal readonly record struct AttackOrderSlot(AccountProfile Attacker, ListingProfile Listing, long At, string Ip, string Device);

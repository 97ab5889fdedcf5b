namespace Clearwind.Simulation;

/// <summary>One planned invalid ad click (直通车攻击) on a victim's ad.</summary>
/// <param name="Clicker">The account that clicks.</param>
/// <param name="Listing">The advertised listing of the victim.</param>
/// <param name="At">When it clicks (ticks after the start).</param>
/// <param name="Ip">Network address used.</param>
/// <param name="Device">Device used.</param>
/// <param name="Keyword">The (expensive) keyword the ad is bought on.</param>
/// <param name="Opens">Whether the listing page loads at all (for a second or two) after the click; bots often skip it.</param>
internal readonly record struct InvalidClickSlot(AccountProfile Clicker, ListingProfile Listing, long At, string Ip, string Device, string Keyword, bool Opens);

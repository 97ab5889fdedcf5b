namespace Clearwind.Simulation;

/// <summary>An account that spams solicitations by chat: a marketing account (营销号) or one posing as a brand's service desk.</summary>
/// <param name="Account">The account.</param>
/// <param name="Contact">The off-platform contact it pushes (often shared by a studio's accounts).</param>
/// <param name="Brand">The brand it poses as, for impersonators; null for plain marketing accounts.</param>
/// <param name="Bursts">Times (ticks after the start) it sends a burst of messages, with how many.</param>
internal sealed record SolicitorPlan(AccountProfile Account, string Contact, string? Brand, IReadOnlyList<(long Ticks, int Messages)> Bursts);

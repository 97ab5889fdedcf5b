using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Attacks;

/// <summary>
/// Options of <c>attack.malicious_orders</c> (恶意拍下, SPEC §2.5, seed 004: in December 2013 thousands of small
/// sellers, organised in voice-chat rooms, placed orders on big shops' hot listings and never paid them). An order is
/// judged once its outcome is known: cancelled before payment (timeout or buyer) it is unpaid. A shop's unpaid orders
/// that follow one another within <see cref="GapSeconds"/> form one episode; the episode is an attack when it holds
/// enough unpaid orders from enough accounts, the unpaid orders are a large share of the shop's orders settled in that
/// time, and enough of the accounts look like attackers (new, linked to one another, repeating, or hitting other shops).
/// </summary>
public sealed class MaliciousOrdersOptions : DetectorOptions
{
    /// <summary>Longest pause, in seconds, between two unpaid orders of one shop in the same episode.</summary>
    /// <value>Default 3600 (an hour: a wave of the 2013 attack lasted an evening, its orders minutes apart).</value>
    [Range(60, 24 * 3600)]
    public int GapSeconds { get; set; } = 3600;

    /// <summary>Fewest unpaid orders in an episode.</summary>
    /// <value>Default 5 (a burst, not a buyer who changed their mind twice).</value>
    [Range(2, 100_000)]
    public int MinOrders { get; set; } = 5;

    /// <summary>Fewest distinct accounts behind the unpaid orders.</summary>
    /// <value>Default 3 (the attack is coordinated across accounts).</value>
    [Range(1, 100_000)]
    public int MinAccounts { get; set; } = 3;

    /// <summary>Fewest accounts that look like attackers: new, linked to another account of the episode, with two or more unpaid orders in the episode, or with unpaid orders on another shop within <see cref="CoordinationSeconds"/>.</summary>
    /// <value>Default 3.</value>
    [Range(1, 100_000)]
    public int MinSuspectAccounts { get; set; } = 3;

    /// <summary>Smallest share of unpaid orders among the shop's orders settled (paid or left unpaid) during the episode.</summary>
    /// <value>Default 0.3 (a flash sale or an ordinary day loses well under a tenth of its orders to non-payment).</value>
    [Range(0.0, 1.0)]
    public double MinUnpaidShare { get; set; } = 0.3;

    /// <summary>An account registered at most this many days before its order is new.</summary>
    /// <value>Default 30.</value>
    [Range(0, 3650)]
    public int NewAccountDays { get; set; } = 30;

    /// <summary>Window, in seconds, in which one account's unpaid orders on several shops count as coordinated.</summary>
    /// <value>Default 86400 (one day: the 2013 attackers hit several shops each evening).</value>
    [Range(60, 7 * 24 * 3600)]
    public int CoordinationSeconds { get; set; } = 24 * 3600;

    /// <summary>How long, in seconds, a placed order waits for its outcome before it is forgotten.</summary>
    /// <value>Default 259200 (three days; unpaid orders close after 30 minutes to a day).</value>
    [Range(60, 30 * 24 * 3600)]
    public int PendingSeconds { get; set; } = 3 * 24 * 3600;

    /// <summary>Most event ids listed in one piece of evidence; the figures still count every order.</summary>
    /// <value>Default 200.</value>
    [Range(1, 100_000)]
    public int MaxEvidenceEvents { get; set; } = 200;
}

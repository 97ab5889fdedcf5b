using System.ComponentModel.DataAnnotations;
using Clearwind.Detection;

namespace Clearwind.Attacks;

/// <summary>
/// Options of <c>attack.click_fraud</c> (直通车攻击, seed 004): clicks on a shop's paid ads that only drain its budget.
/// A clicker's clicks on one advertiser are invalid when, within <see cref="WindowSeconds"/>, it clicked at least
/// <see cref="MinClicks"/> times without dwelling on the page (no view, or one shorter than <see cref="MaxDwellMs"/>),
/// such clicks are at least <see cref="MinNoDwellShare"/> of its clicks there, and it paid for no order in that shop;
/// <see cref="MinLinkedClicks"/> are enough from a device another invalid clicker used.
/// </summary>
public sealed class ClickFraudOptions : DetectorOptions
{
    /// <summary>Span, in seconds, in which one clicker's repeated clicks on one advertiser are counted.</summary>
    /// <value>Default 86400 (one day: ad budgets are daily, and the 2013 attack drained them within an evening).</value>
    [Range(60, 30 * 24 * 3600)]
    public int WindowSeconds { get; set; } = 24 * 3600;

    /// <summary>Fewest clicks without dwell from one clicker on one advertiser, within the window, that make them invalid.</summary>
    /// <value>Default 3: one or two quick exits are ordinary (slow page, mis-tap); a third on the same shop is repetition.</value>
    [Range(2, 1000)]
    public int MinClicks { get; set; } = 3;

    /// <summary>Share of the clicker's clicks on the advertiser that must be without dwell.</summary>
    /// <value>Default 0.75: a shopper who reads most pages it clicks is not draining anyone.</value>
    [Range(0.0, 1.0)]
    public double MinNoDwellShare { get; set; } = 0.75;

    /// <summary>
    /// Fewest clicks without dwell, within the window, that make a clicker invalid when one of its devices was used by
    /// another invalid clicker within the lookback.
    /// </summary>
    /// <value>
    /// Default 2: accounts opened for an attack on one phone each make a couple of clicks a wave; two quick exits from a
    /// device that already drained an advertiser are not a mis-tap.
    /// </value>
    [Range(1, 1000)]
    public int MinLinkedClicks { get; set; } = 2;

    /// <summary>
    /// How long, in seconds, a clicker's clicks on an advertiser (and the devices of invalid clickers) are kept: once the
    /// clicker is judged invalid, its earlier clicks without dwell within this time are named too.
    /// </summary>
    /// <value>Default 604800 (seven days: the attack of December 2013 went on wave after wave over several days).</value>
    [Range(60, 90 * 24 * 3600)]
    public int LookbackSeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>
    /// An address shared by a clicker and another shop's owner links them only when at most this many accounts were seen
    /// on it.
    /// </summary>
    /// <value>
    /// Default 5 (a household or small office). A campus NAT or a carrier gateway carries dozens of accounts and says
    /// nothing about who is behind a click; a shared device or phone always links.
    /// </value>
    [Range(1, 1000)]
    public int MaxLinkIpAccounts { get; set; } = 5;

    /// <summary>A click whose page was viewed for less than this, in milliseconds, has no dwell.</summary>
    /// <value>Default 3000 (three seconds: the page is left as soon as it loads).</value>
    [Range(0, 600_000)]
    public int MaxDwellMs { get; set; } = 3000;

    /// <summary>How long after a click, in seconds, a view of the advertised listing by the same clicker counts as its landing.</summary>
    /// <value>Default 120.</value>
    [Range(1, 3600)]
    public int ViewWaitSeconds { get; set; } = 120;

    /// <summary>A clicker is judged on an advertiser once it has not clicked its ads for this long, in seconds (a paid order can still arrive).</summary>
    /// <value>Default 1800 (half an hour).</value>
    [Range(1, 24 * 3600)]
    public int SettleSeconds { get; set; } = 1800;

    /// <summary>An advertiser's case closes after this long without a new invalid click, in seconds; later clicks open a new finding.</summary>
    /// <value>Default 604800 (seven days).</value>
    [Range(3600, 90 * 24 * 3600)]
    public int CaseGapSeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>Most event ids listed in one piece of evidence; the figures still count every click.</summary>
    /// <value>Default 200.</value>
    [Range(1, 100_000)]
    public int MaxEvidenceEvents { get; set; } = 200;
}

namespace Clearwind.Signals;

/// <summary>One row of <c>shop_health.csv</c>: a 0–100 health score (健康度) a seller can read, and why.</summary>
/// <param name="Shop">Shop id.</param>
/// <param name="Health">100 less the deductions of <see cref="SignalFactors"/>, within [0, 100].</param>
/// <param name="RawSales">Paid orders of the shop (orders without a listing too).</param>
/// <param name="CleanSales">Paid orders less those voided as fake.</param>
/// <param name="FakeShare">Voided ÷ raw paid orders (0 without sales).</param>
/// <param name="ReputationDeducted">
/// 炒一罚二 (seed 004): the credit the voided sales earned, taken back twice — 2 points per voided paid order, one for
/// the credit itself and one as the penalty.
/// </param>
/// <param name="OpenPenalties">Punitive decisions in force on the shop and its listings at the end of the scan.</param>
/// <param name="Strikes">Punitive decisions ever recorded against the shop itself (its highest strike number).</param>
/// <param name="Reasons">The deductions in words, "; "-separated; "no deductions" for a healthy shop.</param>
/// <param name="ReasonsZh">
/// The same deductions in Simplified Chinese, "；"-separated; "无扣分" for a healthy shop. Served as <c>reasons_zh</c> by the
/// service for the seller page; <c>shop_health.csv</c> keeps its English columns only.
/// </param>
public sealed record ShopHealth(
    string Shop,
    int Health,
    int RawSales,
    int CleanSales,
    double FakeShare,
    int ReputationDeducted,
    int OpenPenalties,
    int Strikes,
    string Reasons,
    string? ReasonsZh = null);

namespace Clearwind.Simulation.Evaluation;

/// <summary>
/// The issue-8 acceptance figure: for how many listings <c>clean_sales</c> in <c>listing_signals.csv</c> equals the
/// listing's paid orders less its labelled fake paid orders (both counted from the events and the labels, not from the scan).
/// </summary>
/// <param name="Listings">Listings compared: those the events publish or order, and those the file lists.</param>
/// <param name="Matching">Listings whose clean sales equal the expected figure.</param>
/// <param name="Share">Matching ÷ listings (1 when there are none).</param>
/// <param name="MeanAbsoluteError">Mean |clean_sales − expected| over the listings.</param>
/// <param name="Mismatched">The first mismatches, "listing: clean C, expected E (raw R, fake paid F)".</param>
public sealed record CleanSalesResult(int Listings, int Matching, double Share, double MeanAbsoluteError, IReadOnlyList<string> Mismatched);

namespace Clearwind.Simulation.Evaluation;

/// <summary>Item-level result: which individual orders, clicks or reviews were judged fake.</summary>
/// <param name="Kind"><c>fake_orders</c>, <c>malicious_orders</c>, <c>invalid_clicks</c> or <c>fake_reviews</c>.</param>
/// <param name="Score">Precision, recall, F1 over item ids.</param>
public sealed record ItemScore(string Kind, Score Score);

namespace Clearwind.Simulation.Evaluation;

/// <summary>Precision, recall and F1 of one predicted set against one true set.</summary>
/// <param name="Truth">Size of the true set.</param>
/// <param name="Predicted">Size of the predicted set.</param>
/// <param name="TruePositives">Size of their intersection.</param>
public sealed record Score(int Truth, int Predicted, int TruePositives)
{
    /// <summary>Share of predictions that are true; null when nothing was predicted.</summary>
    public double? Precision => Predicted == 0 ? null : (double)TruePositives / Predicted;

    /// <summary>Share of the truth that was predicted; null when there is nothing to find.</summary>
    public double? Recall => Truth == 0 ? null : (double)TruePositives / Truth;

    /// <summary>Harmonic mean of precision and recall: 0 when either is 0 or missing while the other side is not empty.</summary>
    public double? F1
    {
        get
        {
            if (Truth == 0 && Predicted == 0)
            {
                return null;
            }

            var (p, r) = (Precision ?? 0, Recall ?? 0);
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /// <summary>Scores <paramref name="predicted"/> against <paramref name="truth"/>.</summary>
    public static Score Of<T>(IReadOnlySet<T> truth, IReadOnlySet<T> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        return new Score(truth.Count, predicted.Count, predicted.Count(truth.Contains));
    }
}

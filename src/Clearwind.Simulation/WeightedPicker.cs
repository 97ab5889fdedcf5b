namespace Clearwind.Simulation;

/// <summary>Picks an index with probability proportional to its weight, among the first <c>n</c> items.</summary>
internal sealed class WeightedPicker
{
    private readonly double[] _cumulative;

    public WeightedPicker(IReadOnlyList<double> weights)
    {
        _cumulative = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += weights[i];
            _cumulative[i] = sum;
        }
    }

    public int Count => _cumulative.Length;

    /// <summary>An index in [0, <paramref name="prefix"/>) (all items when omitted).</summary>
    public int Pick(Random random, int prefix = -1)
    {
        if (prefix < 0 || prefix > _cumulative.Length)
        {
            prefix = _cumulative.Length;
        }

        var total = _cumulative[prefix - 1];
        var target = random.NextDouble() * total;
        var index = Array.BinarySearch(_cumulative, 0, prefix, target);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, prefix - 1);
    }
}

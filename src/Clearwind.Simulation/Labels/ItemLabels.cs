namespace Clearwind.Simulation.Labels;

/// <summary>Individual fake items, by the ids the events carry (order, click, review ids).</summary>
/// <param name="FakeOrders">Orders placed to brush (刷单), including self-dealing and empty-parcel orders.</param>
/// <param name="MaliciousOrders">Orders placed to attack a competitor (恶意拍下).</param>
/// <param name="InvalidClicks">Ad clicks made to drain a competitor's budget.</param>
/// <param name="FakeReviews">Reviews written by farms, brushers or attackers.</param>
public sealed record ItemLabels(
    IReadOnlyList<string> FakeOrders,
    IReadOnlyList<string> MaliciousOrders,
    IReadOnlyList<string> InvalidClicks,
    IReadOnlyList<string> FakeReviews)
{
    /// <summary>No labelled items.</summary>
    public static ItemLabels None { get; } = new([], [], [], []);
}

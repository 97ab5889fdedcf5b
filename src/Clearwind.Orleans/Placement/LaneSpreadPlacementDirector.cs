using Orleans.Runtime.Placement;

namespace Clearwind.Orleans.Placement;

/// <summary>Lane n → the (n mod silos)-th compatible silo, by address.</summary>
internal sealed class LaneSpreadPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).Order().ToArray();
        var lane = target.GrainIdentity.GetIntegerKey(out _);
        return Task.FromResult(silos[(int)(Math.Abs(lane) % silos.Length)]);
    }
}

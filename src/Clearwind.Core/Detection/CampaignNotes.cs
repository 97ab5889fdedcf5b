using Clearwind.Events;

namespace Clearwind.Detection;

/// <summary>
/// Puts a seller's declared campaign on the record of every traffic finding it covers (SPEC §3, seed 004 #3: sellers who
/// brought outside traffic were punished by mistake). It reports no finding of its own: each declaration becomes a
/// <see cref="Corroboration"/> on the shop and its promoted listings for the declared time, so order-brushing and
/// fake-like findings about them carry the declaration as evidence (figure <see cref="DeclaredCampaigns.EvidenceFigure"/>).
/// What follows from it is the policy's call (<c>declared_campaign_action</c>), never this class's. The pipeline builder
/// adds it to every pipeline that has a detector.
/// </summary>
internal sealed class CampaignNotes : Detector
{
    /// <summary>Its id, the event type it reads.</summary>
    public static readonly PatternId Id = new(CampaignDeclared.TypeName);

    /// <summary>Pattern families whose findings a declaration is noted on: the ones traffic can trip.</summary>
    public static readonly IReadOnlyList<string> Families = ["order_brushing", "fake_likes"];

    public override PatternId Pattern => Id;

    public override bool Observes(Type eventType) => eventType == typeof(CampaignDeclared);

    public override void Observe(MarketEvent e, DetectionContext context)
    {
        if (e is not CampaignDeclared declared)
        {
            return;
        }

        var campaign = DeclaredCampaign.Of(declared);
        List<EntityRef> entities = [new(EntityTypes.Shop, campaign.Shop), .. campaign.Listings.Select(l => new EntityRef(EntityTypes.Listing, l))];
        context.Corroborate(new Corroboration
        {
            Entities = entities,
            Patterns = Families,
            From = campaign.From,
            To = campaign.To,
            Evidence = campaign.ToEvidence(),
        });
    }
}

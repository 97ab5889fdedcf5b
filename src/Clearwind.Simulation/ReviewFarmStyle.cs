namespace Clearwind.Simulation;

/// <summary>How a shop's bought praise is written (never written to events).</summary>
internal enum ReviewFarmStyle
{
    /// <summary>Linked throwaway accounts post paraphrases of one template in a burst, without any order.</summary>
    Template,

    /// <summary>Linked accounts order and pay, then post varied praise before the parcel has even shipped (先评后发).</summary>
    Prepaid,

    /// <summary>Real buyers paid back for posting the text the seller handed them (好评返现): real orders, one template.</summary>
    Cashback,

    /// <summary>Unlinked throwaway accounts trickle varied praise over days, without any order.</summary>
    Scattered,
}

namespace Clearwind.Orleans.Hosting;

/// <summary>How the silos of a cluster find each other.</summary>
public enum ClusterMembership
{
    /// <summary>Orleans' membership table in the store's PostgreSQL schema: any silo may fail (production).</summary>
    Store,

    /// <summary>Orleans' development clustering: silos join a primary silo, which must stay up (no table needed).</summary>
    Primary,
}

using System.Net;

namespace Clearwind.Orleans.Hosting;

/// <summary>One silo of a cluster on this machine or a network: its ports, the primary silo to join, and its HTTP addresses.</summary>
public sealed class ClusterNodeOptions
{
    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>How silos find each other: the membership table in the store (default), or through a primary silo.</summary>
    public ClusterMembership Membership { get; set; } = ClusterMembership.Store;

    /// <summary>With <see cref="ClusterMembership.Primary"/>: the primary silo's endpoint; null on the primary itself.</summary>
    public IPEndPoint? Primary { get; set; }

    /// <summary>With <see cref="ClusterMembership.Store"/>: the address other silos reach this one at.</summary>
    public IPAddress AdvertisedAddress { get; set; } = IPAddress.Loopback;

    /// <summary>HTTP addresses, e.g. <c>http://127.0.0.1:8080</c>; null for ASP.NET Core's default.</summary>
    public string? Urls { get; set; }

    /// <summary>What every silo shares: store, policy, key, partitions.</summary>
    public ClearwindClusterOptions Clearwind { get; set; } = new();

    /// <summary>A detection round this often when events arrived (a reminder; null: only on <c>POST /v1/detect</c>).</summary>
    public TimeSpan? DetectEvery { get; set; }
}

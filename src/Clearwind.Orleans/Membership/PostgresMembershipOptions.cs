namespace Clearwind.Orleans.Membership;

/// <summary>Where the membership table lives: a store location (<c>postgres://…?schema=NAME</c>), the store's own schema.</summary>
public sealed class PostgresMembershipOptions
{
    /// <summary>The store location.</summary>
    public string Store { get; set; } = "";
}

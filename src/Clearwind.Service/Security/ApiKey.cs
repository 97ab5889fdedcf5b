namespace Clearwind.Service.Security;

/// <summary>What the store keeps about an API key: never the key itself, only its SHA-256.</summary>
/// <param name="Name">A label for people (whose key it is).</param>
/// <param name="Role">One of <see cref="Roles.All"/>.</param>
/// <param name="Shops">For a seller: the shops the key may see.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record ApiKey(string Name, string Role, IReadOnlyList<string> Shops, DateTimeOffset CreatedAt)
{
    /// <summary>For a juror: the marketplace account the key belongs to (the jury is drawn from accounts).</summary>
    public string? Account { get; init; }
}

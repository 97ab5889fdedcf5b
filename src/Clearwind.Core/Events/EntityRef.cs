namespace Clearwind.Events;

/// <summary>A reference to an entity: shop, account, listing, order, review, click, report or group.</summary>
/// <param name="Type">Entity type (see <see cref="EntityTypes"/>).</param>
/// <param name="Id">Entity id.</param>
public sealed record EntityRef(string Type, string Id);

namespace Clearwind.Detection;

/// <summary>Another entity named by a finding, with its role.</summary>
/// <param name="Type">Entity type.</param>
/// <param name="Id">Entity id.</param>
/// <param name="Role">Its role.</param>
public sealed record RelatedEntity(string Type, string Id, EntityRole Role);

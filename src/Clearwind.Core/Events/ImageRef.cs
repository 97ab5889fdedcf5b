namespace Clearwind.Events;

/// <summary>An image: a 64-bit perceptual hash (hex) and its size in pixels.</summary>
/// <param name="Hash">Perceptual hash.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record ImageRef(string? Hash, int? Width = null, int? Height = null);

namespace TwelveFactor.Core.Releases;

/// <summary>A config key that differs between two releases. Secrets show only the mask.</summary>
/// <param name="Name">The config key.</param>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="IsSecret">True when either side holds it as a secret.</param>
/// <param name="ReferenceValue">The reference value as it may be shown; null when added.</param>
/// <param name="DifferenceValue">The difference value as it may be shown; null when removed.</param>
public sealed record ReleaseConfigChange(string Name, ReleaseChangeKind Kind, bool IsSecret, string? ReferenceValue, string? DifferenceValue);

namespace TwelveFactor.Core.Releases;

/// <summary>A file that differs between two releases.</summary>
/// <param name="Path">The file's path in the build.</param>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Reference">The file in the reference release; null when added.</param>
/// <param name="Difference">The file in the difference release; null when removed.</param>
public sealed record ReleaseFileChange(string Path, ReleaseChangeKind Kind, ReleaseFileEntry? Reference, ReleaseFileEntry? Difference);

namespace TwelveFactor.Core.Releases;

/// <summary>One file or symlink of a release's build.</summary>
/// <param name="Path">The path relative to the build root, with '/' separators.</param>
/// <param name="Size">The file's length in bytes (0 for a symlink).</param>
/// <param name="Sha256">The content's SHA-256 in lower-case hex; null for a symlink.</param>
/// <param name="Mode">The Unix permission bits (for example 420 = 0644, 493 = 0755).</param>
/// <param name="LinkTarget">The symlink's target, relative and inside the build; null for a regular file.</param>
public sealed record ReleaseFileEntry(string Path, long Size, string? Sha256, int Mode, string? LinkTarget)
{
    /// <summary>True when any execute bit is set.</summary>
    public bool IsExecutable => (Mode & 0b001_001_001) != 0;

    /// <summary>True for a symlink.</summary>
    public bool IsSymbolicLink => LinkTarget is not null;
}

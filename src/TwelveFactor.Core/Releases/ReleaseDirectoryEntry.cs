namespace TwelveFactor.Core.Releases;

/// <summary>
/// A folder of a release's build whose permission bits are not the usual 0755 (a 0700 folder of keys, say), so
/// publishing recreates it as closed as the build had it. Ordinary folders are not recorded: they are implied by
/// the paths of the files in them.
/// </summary>
/// <param name="Path">The path relative to the build root, with '/' separators.</param>
/// <param name="Mode">The Unix permission bits (for example 448 = 0700); never setuid, setgid or sticky.</param>
public sealed record ReleaseDirectoryEntry(string Path, int Mode);

using System;
using System.Collections.Generic;

namespace TwelveFactor.Core.Releases;

/// <summary>A release with everything it holds: its files and its config snapshot.</summary>
/// <param name="Release">The release record.</param>
/// <param name="Files">The build's files and symlinks, ordered by path (ordinal).</param>
/// <param name="Config">The config snapshot, ordered by name (ordinal).</param>
/// <param name="ManifestDigest"><c>sha256:</c> of the manifest body as stored; any changed byte changes it.</param>
public sealed record ReleaseManifest(
    ReleaseRecord Release,
    IReadOnlyList<ReleaseFileEntry> Files,
    IReadOnlyList<ReleaseConfigEntry> Config,
    string ManifestDigest)
{
    /// <summary>The build's folders whose modes are not 0755, ordered by path (ordinal).</summary>
    public IReadOnlyList<ReleaseDirectoryEntry> Directories { get; init; } = Array.Empty<ReleaseDirectoryEntry>();
}

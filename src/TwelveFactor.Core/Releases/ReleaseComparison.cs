using System.Collections.Generic;

namespace TwelveFactor.Core.Releases;

/// <summary>What changed from one release to another.</summary>
/// <param name="ReferenceId">The release compared from.</param>
/// <param name="DifferenceId">The release compared to.</param>
/// <param name="Files">Files added, removed and changed, ordered by path.</param>
/// <param name="Config">Config keys added, removed and changed, ordered by name; secrets compared by salted hash.</param>
public sealed record ReleaseComparison(string ReferenceId, string DifferenceId, IReadOnlyList<ReleaseFileChange> Files, IReadOnlyList<ReleaseConfigChange> Config)
{
    /// <summary>True when the builds and configs are the same.</summary>
    public bool IsIdentical => Files.Count == 0 && Config.Count == 0;
}

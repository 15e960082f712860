using System.Collections.Generic;

namespace TwelveFactor.Core.Releases;

/// <summary>What pruning removed and kept.</summary>
/// <param name="Removed">Release ids removed.</param>
/// <param name="KeptPublished">Release ids past the keep count kept because they are published somewhere.</param>
/// <param name="Skipped">Release ids the caller declined to remove (ShouldProcess said no).</param>
/// <param name="GarbageCollection">The storage freed afterwards; null when nothing was removed.</param>
public sealed record PruneResult(IReadOnlyList<string> Removed, IReadOnlyList<string> KeptPublished, IReadOnlyList<string> Skipped, GarbageCollectionResult? GarbageCollection)
{
    /// <summary>Laid-out folders of removed releases deleted from the destinations they were published to.</summary>
    public IReadOnlyList<string> FoldersRemoved { get; init; } = System.Array.Empty<string>();
}

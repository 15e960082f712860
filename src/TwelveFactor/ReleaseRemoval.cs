using System.Collections.Generic;

namespace TwelveFactor;

/// <summary>What Remove-TfRelease removed and kept, and the storage it freed.</summary>
public sealed class ReleaseRemoval
{
    internal ReleaseRemoval(string app, string[] removed, string[] keptPublished, string[] skipped, int blobsRemoved, long bytesFreed)
    {
        App = app;
        Removed = removed;
        KeptPublished = keptPublished;
        Skipped = skipped;
        BlobsRemoved = blobsRemoved;
        BytesFreed = bytesFreed;
    }

    public string App { get; }

    /// <summary>The release ids removed.</summary>
    public IReadOnlyList<string> Removed { get; }

    /// <summary>Ids past -KeepLast kept because they are published at a destination.</summary>
    public IReadOnlyList<string> KeptPublished { get; }

    /// <summary>Ids kept because -Confirm was answered no.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>Stored files no release referred to any more, deleted.</summary>
    public int BlobsRemoved { get; }

    public long BytesFreed { get; }

    public override string ToString() => $"{App}: removed {string.Join(", ", Removed)}";
}

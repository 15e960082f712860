namespace TwelveFactor.Core.Releases;

/// <summary>How an item differs between a reference and a difference release.</summary>
public enum ReleaseChangeKind
{
    /// <summary>Only in the difference release.</summary>
    Added,

    /// <summary>Only in the reference release.</summary>
    Removed,

    /// <summary>In both, with different content, mode, link target or value.</summary>
    Changed,
}

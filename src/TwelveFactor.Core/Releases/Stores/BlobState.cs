namespace TwelveFactor.Core.Releases.Stores;

/// <summary>What a check of one stored blob found.</summary>
internal enum BlobState
{
    /// <summary>Present and matching its digest (and size, when one was expected).</summary>
    Intact,

    /// <summary>Not in the store.</summary>
    Missing,

    /// <summary>Present, but its bytes no longer match its digest or expected size.</summary>
    Damaged,
}

namespace TwelveFactor.Core.Releases;

/// <summary>The long-running step a <see cref="ReleaseProgress"/> report is about.</summary>
public enum ReleaseOperation
{
    /// <summary>Hashing files and storing new content.</summary>
    Storing,

    /// <summary>Checking stored content against its digests.</summary>
    Verifying,

    /// <summary>Laying a release out at a destination.</summary>
    Publishing,

    /// <summary>Removing unreferenced content from the store.</summary>
    Pruning,
}

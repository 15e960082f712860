namespace TwelveFactor.Core.Releases;

/// <summary>The long-running step a <see cref="ReleaseProgress"/> report is about.</summary>
public enum ReleaseOperation
{
    /// <summary>Listing and checking the build's files.</summary>
    Scanning,

    /// <summary>Hashing files and storing new content.</summary>
    Storing,

    /// <summary>Checking stored content against its digests.</summary>
    Verifying,

    /// <summary>Laying a release out at a destination.</summary>
    Publishing,

    /// <summary>Removing old releases and unreferenced content.</summary>
    Pruning,
}

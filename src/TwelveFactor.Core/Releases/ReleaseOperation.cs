namespace TwelveFactor.Core.Releases;

/// <summary>The long-running step a <see cref="ReleaseProgress"/> report is about.</summary>
public enum ReleaseOperation
{
    /// <summary>Hashing files and storing new content.</summary>
    Storing,

    /// <summary>
    /// Waiting for the stored content to reach the disk (one syncfs); on a slow disk this is seconds, which a
    /// progress bar stuck at 100 % "Storing" would not explain.
    /// </summary>
    Flushing,

    /// <summary>Checking stored content against its digests.</summary>
    Verifying,

    /// <summary>Laying a release out at a destination.</summary>
    Publishing,

    /// <summary>Removing unreferenced content from the store.</summary>
    Pruning,
}

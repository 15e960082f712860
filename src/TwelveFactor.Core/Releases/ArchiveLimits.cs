using System;
using System.Globalization;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases;

/// <summary>
/// Caps on what an archive may expand to, so a small hostile archive (a 2 MB zip of 2 GiB of zeros, a million
/// empty entries, a path longer than any file system takes) fails with a clear error instead of filling the
/// store's disk. Each cap is a setting from the environment, as the module's other settings are.
/// </summary>
public sealed record ArchiveLimits
{
    /// <summary>The ratio is only checked past this many expanded bytes: small text files legitimately compress 1000:1.</summary>
    public const long RatioFloorBytes = 64L << 20;

    /// <summary>The defaults.</summary>
    public static ArchiveLimits Default { get; } = new();

    /// <summary>Bytes all entries may expand to.</summary>
    public long MaxExpandedBytes { get; init; } = 16L << 30;

    /// <summary>Expanded bytes per byte of the archive file, checked once past <see cref="RatioFloorBytes"/>.</summary>
    public long MaxRatio { get; init; } = 200;

    /// <summary>Entries (files, folders and links) one archive may hold.</summary>
    public int MaxEntries { get; init; } = 1_000_000;

    /// <summary>Characters of one entry's path.</summary>
    public int MaxPathLength { get; init; } = 4096;

    /// <summary>The limits set in the environment, each falling back to its default.</summary>
    public static ArchiveLimits FromEnvironment() => new()
    {
        MaxExpandedBytes = Read(ModuleSettings.ArchiveMaxBytesVariable, Default.MaxExpandedBytes),
        MaxRatio = Read(ModuleSettings.ArchiveMaxRatioVariable, Default.MaxRatio),
        MaxEntries = (int)Math.Min(int.MaxValue, Read(ModuleSettings.ArchiveMaxEntriesVariable, Default.MaxEntries)),
        MaxPathLength = (int)Math.Min(int.MaxValue, Read(ModuleSettings.ArchiveMaxPathVariable, Default.MaxPathLength)),
    };

    private static long Read(string variable, long fallback)
    {
        string? text = ModuleSettings.Read(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < 1)
        {
            throw new ReleaseException(
                ProblemId.InvalidName,
                string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ArchiveLimitInvalid, variable, text),
                variable);
        }

        return value;
    }
}

using System;
using System.Globalization;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// Caps on what an archive may expand to, so a small hostile archive (a 2 MB zip of 2 GiB of zeros, a million
/// empty entries, a path longer than any file system takes) fails with a clear error instead of filling the
/// store's disk. Each cap is a setting from the environment, as the module's other settings are.
/// </summary>
public sealed record ArchiveLimits
{
    /// <summary>Bytes all entries of one archive may expand to (TF_ARCHIVE_MAX_BYTES); default 16 GiB.</summary>
    public const string MaxExpandedBytesVariable = "TF_ARCHIVE_MAX_BYTES";

    /// <summary>Expanded bytes per archive byte (TF_ARCHIVE_MAX_RATIO); default 200.</summary>
    public const string MaxRatioVariable = "TF_ARCHIVE_MAX_RATIO";

    /// <summary>Entries one archive may hold (TF_ARCHIVE_MAX_ENTRIES); default 1,000,000.</summary>
    public const string MaxEntriesVariable = "TF_ARCHIVE_MAX_ENTRIES";

    /// <summary>Characters of one entry's path (TF_ARCHIVE_MAX_PATH); default 4,096 (Linux's PATH_MAX).</summary>
    public const string MaxPathLengthVariable = "TF_ARCHIVE_MAX_PATH";

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
        MaxExpandedBytes = Read(MaxExpandedBytesVariable, Default.MaxExpandedBytes),
        MaxRatio = Read(MaxRatioVariable, Default.MaxRatio),
        MaxEntries = (int)Math.Min(int.MaxValue, Read(MaxEntriesVariable, Default.MaxEntries)),
        MaxPathLength = (int)Math.Min(int.MaxValue, Read(MaxPathLengthVariable, Default.MaxPathLength)),
    };

    private static long Read(string variable, long fallback)
    {
        string? text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < 1)
        {
            throw new ReleaseException(
                ReleaseErrorKind.InvalidName,
                string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ArchiveLimitInvalid, variable, text),
                variable);
        }

        return value;
    }
}

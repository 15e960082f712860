using System.Globalization;
using System.Threading;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases;

/// <summary>
/// Counts what one archive expands to as it is read and stops it at the caps of <see cref="ArchiveLimits"/>.
/// Declared sizes in headers are not trusted: the bytes actually read are counted.
/// </summary>
internal sealed class ExpansionBudget
{
    private readonly string _archivePath;
    private readonly long _archiveSize;
    private readonly ArchiveLimits _limits;
    private long _expanded;
    private int _entries;

    internal ExpansionBudget(string archivePath, long archiveSize, ArchiveLimits limits)
    {
        _archivePath = archivePath;
        _archiveSize = System.Math.Max(1, archiveSize);
        _limits = limits;
    }

    /// <summary>Counts one more entry and checks its path; call for every entry, folders and links included.</summary>
    internal void AddEntry(string rawName)
    {
        if (++_entries > _limits.MaxEntries)
        {
            throw Exceeded(CoreReleaseStrings.ArchiveTooManyEntries, _archivePath, _limits.MaxEntries, ModuleSettings.ArchiveMaxEntriesVariable);
        }

        if (rawName.Length > _limits.MaxPathLength)
        {
            throw Exceeded(CoreReleaseStrings.ArchivePathTooLong, rawName[..System.Math.Min(80, rawName.Length)], _limits.MaxPathLength, ModuleSettings.ArchiveMaxPathVariable);
        }
    }

    /// <summary>Counts <paramref name="bytes"/> more expanded bytes; throws once a cap is passed.</summary>
    internal void AddBytes(long bytes)
    {
        long total = Interlocked.Add(ref _expanded, bytes);
        if (total > _limits.MaxExpandedBytes)
        {
            throw Exceeded(CoreReleaseStrings.ArchiveTooLarge, _archivePath, _limits.MaxExpandedBytes, ModuleSettings.ArchiveMaxBytesVariable);
        }

        if (total > ArchiveLimits.RatioFloorBytes && total / _archiveSize > _limits.MaxRatio)
        {
            throw Exceeded(CoreReleaseStrings.ArchiveRatioTooHigh, _archivePath, _limits.MaxRatio, ModuleSettings.ArchiveMaxRatioVariable);
        }
    }

    private static ReleaseException Exceeded(string format, string what, long limit, string variable) =>
        new(
            ProblemId.ArchiveLimitExceeded,
            string.Format(CultureInfo.CurrentCulture, format, what, limit.ToString("N0", CultureInfo.CurrentCulture), variable),
            what);
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime;

namespace TwelveFactor;

/// <summary>
/// Holds garbage collection off while a command turns a large config into objects: a 10 MB env file becomes some
/// 130 MB of strings and entries in well under a second, and in pwsh (workstation GC, small first generation) nearly
/// all of it survives several collections that copy it, which took half of Get-TfConfig's time. The region's memory
/// is asked for up front; a burst that outgrows it simply gets its collection, and the region ends with the command.
/// Only for configs between <see cref="MinFileBytes"/> and what fits in <see cref="MaxBudgetBytes"/>: a small one
/// gains nothing, and a huge one is better collected than held.
/// </summary>
internal sealed class AllocationBurst : IDisposable
{
    /// <summary>Below this many bytes of config files no region is started (starting one may itself collect).</summary>
    internal const long MinFileBytes = 1 << 20;

    /// <summary>The most memory a region holds back.</summary>
    internal const long MaxBudgetBytes = 256L << 20;

    private readonly bool _started;

    private AllocationBurst(bool started) => _started = started;

    /// <summary>Whether a region was started (for tests and -Verbose).</summary>
    internal bool Started => _started;

    /// <summary>
    /// Starts a region sized for <paramref name="files"/> at <paramref name="bytesPerFileByte"/> bytes allocated per
    /// byte of file, when that is worth it and fits; otherwise does nothing.
    /// </summary>
    internal static AllocationBurst Begin(IEnumerable<string> files, int bytesPerFileByte)
    {
        long fileBytes = 0;
        foreach (string file in files)
        {
            try
            {
                var info = new FileInfo(file);
                fileBytes += info.Exists ? info.Length : 0;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // The resolver reports the file; the estimate just leaves it out.
            }
        }

        long budget = (fileBytes * bytesPerFileByte) + (16L << 20);
        if (fileBytes < MinFileBytes || budget > MaxBudgetBytes || GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            return new AllocationBurst(false);
        }

        try
        {
            return new AllocationBurst(GC.TryStartNoGCRegion(budget));
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return new AllocationBurst(false);
        }
    }

    public void Dispose()
    {
        // The region has already ended when the burst outgrew it (a collection ran); ending it again would throw.
        if (_started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
            }
        }
    }
}

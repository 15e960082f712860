using System;
using System.Collections.Generic;
using System.IO;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Releases.Stores;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// Remembers, per build folder, each file's <see cref="FileStamp"/> and SHA-256, so a release of a build where
/// one file changed reads one file. Like git's index it distrusts "racily clean" entries: a file changed within
/// <see cref="RacyWindow"/> before the previous scan began is hashed again, since a change in the same clock
/// tick would not show in its stamp. The cache is only an accelerator: losing or damaging it costs a full hash.
/// </summary>
internal sealed class StatCache
{
    private static readonly long RacyWindowNs = (long)RacyWindow.TotalMilliseconds * 1_000_000L;

    private const string FormatHeader = "twelvefactor-statcache/2\t";

    private readonly Dictionary<string, Entry> _previous;
    private readonly long _previousScanStartNs;
    private readonly Dictionary<string, Entry> _next = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private bool _changed;

    private StatCache(Dictionary<string, Entry> previous, long previousScanStartNs)
    {
        _previous = previous;
        _previousScanStartNs = previousScanStartNs;
        ScanStartNs = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100L;
    }

    internal static TimeSpan RacyWindow => TimeSpan.FromSeconds(2);

    /// <summary>When this scan began, in Unix nanoseconds.</summary>
    internal long ScanStartNs { get; }

    /// <summary>Reads the cache file; a missing, unreadable or older-format one is an empty cache.</summary>
    internal static Task<StatCache> LoadAsync(string path, CancellationToken cancellationToken) => Task.FromResult(Load(path, cancellationToken));

    private static StatCache Load(string path, CancellationToken cancellationToken)
    {
        try
        {
            // A synchronous read of one small file: the async path hops threads per 4 KiB buffer.
            cancellationToken.ThrowIfCancellationRequested();
            string text = File.ReadAllText(path, Encoding.UTF8);
            if (TryParse(text, out Dictionary<string, Entry>? files, out long scanStartNs))
            {
                return new StatCache(files, scanStartNs);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return new StatCache(new Dictionary<string, Entry>(StringComparer.Ordinal), 0);
    }

    // One line per file, tab-separated: device, inode, size, mtime ns, ctime ns, sha256, path; after a header line
    // with the format and the scan's start. A text table parses in a few milliseconds where JSON of the same 10,000
    // entries took a hundred, on every release. A path holding a tab or line break is not cached (it is re-hashed).
    private static bool TryParse(string text, [NotNullWhen(true)] out Dictionary<string, Entry>? files, out long scanStartNs)
    {
        files = null;
        scanStartNs = 0;
        int lineEnd = text.IndexOf('\n');
        if (lineEnd < 0 || !text.AsSpan(0, lineEnd).StartsWith(FormatHeader) || !long.TryParse(text.AsSpan(FormatHeader.Length, lineEnd - FormatHeader.Length), NumberStyles.None, CultureInfo.InvariantCulture, out scanStartNs))
        {
            return false;
        }

        var parsed = new Dictionary<string, Entry>(StringComparer.Ordinal);
        int start = lineEnd + 1;
        Span<Range> fields = stackalloc Range[8];
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            ReadOnlySpan<char> line = text.AsSpan(start, end - start);
            start = end + 1;
            if (line.Split(fields, '\t') != 7
                || !ulong.TryParse(line[fields[0]], NumberStyles.None, CultureInfo.InvariantCulture, out ulong device)
                || !ulong.TryParse(line[fields[1]], NumberStyles.None, CultureInfo.InvariantCulture, out ulong inode)
                || !long.TryParse(line[fields[2]], NumberStyles.None, CultureInfo.InvariantCulture, out long size)
                || !long.TryParse(line[fields[3]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long modified)
                || !long.TryParse(line[fields[4]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long changed))
            {
                return false;
            }

            parsed[line[fields[6]].ToString()] = new Entry { Stamp = new FileStamp(device, inode, size, modified, changed), Sha256 = line[fields[5]].ToString() };
        }

        files = parsed;
        return true;
    }

    /// <summary>The SHA-256 recorded for a file whose stamp is unchanged and was not racily clean; else null.</summary>
    internal string? Lookup(string relativePath, FileStamp stamp)
    {
        if (_previous.TryGetValue(relativePath, out Entry? entry)
            && entry.Stamp == stamp
            && Sha256Hex.IsValid(entry.Sha256)
            && stamp.ChangedNs < _previousScanStartNs - RacyWindowNs
            && stamp.ModifiedNs < _previousScanStartNs - RacyWindowNs)
        {
            return entry.Sha256;
        }

        return null;
    }

    /// <summary>Records a file's stamp (taken before it was read) and its hash for the next scan.</summary>
    internal void Record(string relativePath, FileStamp stamp, string sha256)
    {
        lock (_gate)
        {
            _next[relativePath] = new Entry { Stamp = stamp, Sha256 = sha256 };
            if (!_changed && Lookup(relativePath, stamp) != sha256)
            {
                _changed = true;
            }
        }
    }

    /// <summary>Writes the entries recorded in this scan, atomically and owner-only.</summary>
    internal async Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        // Nothing new to remember (every file known, unchanged and not racily clean): the file on disk says it all.
        if (!_changed && _next.Count == _previous.Count)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder(_next.Count * 140);
        text.Append(FormatHeader).Append(ScanStartNs.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var (relative, entry) in _next)
        {
            if (relative.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0 || entry.Sha256 is null)
            {
                continue;
            }

            FileStamp stamp = entry.Stamp;
            text.Append(CultureInfo.InvariantCulture, $"{stamp.Device}\t{stamp.Inode}\t{stamp.Size}\t{stamp.ModifiedNs}\t{stamp.ChangedNs}\t{entry.Sha256}\t{relative}\n");
        }

        await AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes(text.ToString()), AtomicFile.OwnerOnly, cancellationToken).ConfigureAwait(false);
    }

    private sealed class Entry
    {
        public FileStamp Stamp { get; set; }

        public string? Sha256 { get; set; }
    }
}

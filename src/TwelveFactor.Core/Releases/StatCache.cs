using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Releases.Stores;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// Remembers, per build folder, each file's <see cref="FileStamp"/> and SHA-256, so a release of a build where
/// one file changed reads one file. Like git's index it distrusts "racily clean" entries: a file changed within
/// <see cref="RacyWindow"/> before the previous scan began is hashed again, since a change in the same clock
/// tick would not show in its stamp. The cache is only an accelerator: losing or damaging it costs a full hash.
/// It also remembers the stamps of the store's blob folders as they were when the scan began: a blob the cache
/// names in a folder whose stamp has not moved since (and was not racily clean) is still in the store, so an
/// unchanged file costs one stat of the file, not a second one of its blob.
/// </summary>
internal sealed class StatCache
{
    private static readonly long RacyWindowNs = (long)RacyWindow.TotalMilliseconds * 1_000_000L;

    private const string FormatHeader = "twelvefactor-statcache/3\t";

    // Version 2 had no folder lines; its entries read the same.
    private const string PreviousFormatHeader = "twelvefactor-statcache/2\t";

    private const char FolderLine = '@';

    // A cache file larger than this (about two million files' lines) is not read: the build is hashed instead.
    private const long MaxFileBytes = 256L << 20;

    private readonly Dictionary<string, Entry> _previous;
    private readonly Dictionary<string, FileStamp> _previousFolders;
    private readonly long _previousScanStartNs;
    // By the value of a blob folder's two hex digits: trusted or not, without a substring per lookup.
    private readonly bool[] _trustedFolders = new bool[256];
    private int _trustedFolderCount;
    private Dictionary<string, FileStamp> _folders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _next;
    private readonly object _gate = new();
    private bool _changed;

    private StatCache(Dictionary<string, Entry> previous, Dictionary<string, FileStamp> previousFolders, long previousScanStartNs, long scanStartNs)
    {
        _previous = previous;
        _previousFolders = previousFolders;
        _next = new Dictionary<string, Entry>(previous.Count, StringComparer.Ordinal);
        _previousScanStartNs = previousScanStartNs;
        ScanStartNs = scanStartNs;
    }

    internal static TimeSpan RacyWindow => TimeSpan.FromSeconds(2);

    /// <summary>When this scan began, in Unix nanoseconds.</summary>
    internal long ScanStartNs { get; }

    /// <summary>Now, in Unix nanoseconds, as a scan's start is kept.</summary>
    internal static long NowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100L;

    /// <summary>Reads the cache file; a missing, unreadable or older-format one is an empty cache.</summary>
    internal static Task<StatCache> LoadAsync(string path, CancellationToken cancellationToken) => Task.FromResult(Load(path, NowNs(), cancellationToken));

    /// <summary>
    /// Reads the cache file for a scan that began at <paramref name="scanStartNs"/> (taken before any stamp of the
    /// scan, so the file can be read while the build is walked); a missing, unreadable or older-format one is empty.
    /// </summary>
    internal static StatCache Load(string path, long scanStartNs, CancellationToken cancellationToken)
    {
        try
        {
            // A synchronous read of one small file: the async path hops threads per 4 KiB buffer. The file (1.3 MB
            // for 10,000 files) and its text go through pooled arrays: as a byte array and a string they were two
            // large-object allocations on every release, and those bring full collections.
            cancellationToken.ThrowIfCancellationRequested();
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            long length = RandomAccess.GetLength(handle);
            if (length is > 0 and <= MaxFileBytes)
            {
                byte[] bytes = ArrayPool<byte>.Shared.Rent((int)length);
                char[] chars = ArrayPool<char>.Shared.Rent((int)length);
                try
                {
                    int read = HandleReads.Fill(handle, bytes.AsSpan(0, (int)length), 0);
                    int count = Encoding.UTF8.GetChars(bytes.AsSpan(0, read), chars);
                    if (TryParse(chars.AsSpan(0, count), out Dictionary<string, Entry>? files, out Dictionary<string, FileStamp>? folders, out long previousScanStartNs))
                    {
                        return new StatCache(files, folders, previousScanStartNs, scanStartNs);
                    }
                }
                finally
                {
                    ArrayPool<char>.Shared.Return(chars);
                    ArrayPool<byte>.Shared.Return(bytes);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return new StatCache(new Dictionary<string, Entry>(StringComparer.Ordinal), new Dictionary<string, FileStamp>(StringComparer.Ordinal), 0, scanStartNs);
    }

    // One line per file, tab-separated: device, inode, size, mtime ns, ctime ns, sha256, path; after a header line
    // with the format and the scan's start. A text table parses in a few milliseconds where JSON of the same 10,000
    // entries took a hundred, on every release. A path holding a tab or line break is not cached (it is re-hashed).
    // A blob folder's line is '@' and its name, then device, inode, size, mtime ns, ctime ns.
    private static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out Dictionary<string, Entry>? files, [NotNullWhen(true)] out Dictionary<string, FileStamp>? folders, out long scanStartNs)
    {
        files = null;
        folders = null;
        scanStartNs = 0;
        int lineEnd = text.IndexOf('\n');
        if (lineEnd < 0)
        {
            return false;
        }

        ReadOnlySpan<char> header = text[..lineEnd];
        int headerLength = header.StartsWith(FormatHeader) ? FormatHeader.Length : header.StartsWith(PreviousFormatHeader) ? PreviousFormatHeader.Length : -1;
        if (headerLength < 0 || !long.TryParse(header[headerLength..], NumberStyles.None, CultureInfo.InvariantCulture, out scanStartNs))
        {
            return false;
        }

        var parsedFolders = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        // Sized once from the line count: grown by doubling, the table was three large arrays per release.
        var parsed = new Dictionary<string, Entry>(text.Count('\n'), StringComparer.Ordinal);
        int start = lineEnd + 1;
        Span<Range> fields = stackalloc Range[8];
        while (start < text.Length)
        {
            int end = text[start..].IndexOf('\n');
            end = end < 0 ? text.Length : start + end;
            ReadOnlySpan<char> line = text[start..end];
            start = end + 1;
            if (line.Length > 0 && line[0] == FolderLine)
            {
                if (line.Split(fields, '\t') != 6 || !TryParseStamp(line, fields[1..], out FileStamp folderStamp))
                {
                    return false;
                }

                parsedFolders[line[fields[0]][1..].ToString()] = folderStamp;
                continue;
            }

            if (line.Split(fields, '\t') != 7 || !TryParseStamp(line, fields, out FileStamp stamp))
            {
                return false;
            }

            // An entry whose digest is malformed is left out (its file is hashed again), so lookups need not check.
            if (!Sha256Hex.IsValid(line[fields[5]]))
            {
                continue;
            }

            parsed[line[fields[6]].ToString()] = new Entry { Stamp = stamp, Sha256 = line[fields[5]].ToString() };
        }

        files = parsed;
        folders = parsedFolders;
        return true;
    }

    // Device, inode, size, mtime ns and ctime ns from the first five of fields.
    private static bool TryParseStamp(ReadOnlySpan<char> line, ReadOnlySpan<Range> fields, out FileStamp stamp)
    {
        stamp = default;
        if (!ulong.TryParse(line[fields[0]], NumberStyles.None, CultureInfo.InvariantCulture, out ulong device)
            || !ulong.TryParse(line[fields[1]], NumberStyles.None, CultureInfo.InvariantCulture, out ulong inode)
            || !long.TryParse(line[fields[2]], NumberStyles.None, CultureInfo.InvariantCulture, out long size)
            || !long.TryParse(line[fields[3]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long modified)
            || !long.TryParse(line[fields[4]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long changed))
        {
            return false;
        }

        stamp = new FileStamp(device, inode, size, modified, changed);
        return true;
    }

    /// <summary>
    /// Takes the blob folders' stamps as this scan begins (after the cache was loaded, so after its start time):
    /// a folder whose stamp equals the one the previous scan recorded, and was not changed within
    /// <see cref="RacyWindow"/> of that scan's start, still holds every blob it held then. These stamps are the ones
    /// saved, so anything that changes a folder after this moment, this scan's own new blobs included, makes the
    /// next scan check that folder's blobs again.
    /// </summary>
    internal void TrustBlobFolders(Dictionary<string, FileStamp> current)
    {
        _folders = current;
        foreach (var (name, stamp) in current)
        {
            if (_previousFolders.TryGetValue(name, out FileStamp previous)
                && previous == stamp
                && stamp.ChangedNs < _previousScanStartNs - RacyWindowNs
                && stamp.ModifiedNs < _previousScanStartNs - RacyWindowNs)
            {
                if (FolderIndex(name) is int index && !_trustedFolders[index])
                {
                    _trustedFolders[index] = true;
                    _trustedFolderCount++;
                }
            }
        }
    }

    /// <summary>True when a blob the previous scan recorded is known to be in the store still, without a stat.</summary>
    internal bool IsKnownInStore(string sha256) => FolderIndex(sha256) is int index && _trustedFolders[index];

    /// <summary>
    /// The previous entry of a file whose stamp is unchanged, not racily clean, and whose blob is known to be in the
    /// store (<see cref="IsKnownInStore"/>, else <paramref name="isInStore"/> asked with the blob's digest and the
    /// file's size): kept for the next scan as it is, and its SHA-256 returned; else null.
    /// Not synchronized: only for the single-threaded pass over known files, before any <see cref="Record"/>.
    /// </summary>
    internal string? KeepIfKnownInStore(string relativePath, FileStamp stamp, Func<string, long, bool>? isInStore = null)
    {
        if (_previous.TryGetValue(relativePath, out Entry? entry)
            && entry.Stamp == stamp
            && stamp.ChangedNs < _previousScanStartNs - RacyWindowNs
            && stamp.ModifiedNs < _previousScanStartNs - RacyWindowNs
            && (IsKnownInStore(entry.Sha256!) || (isInStore?.Invoke(entry.Sha256!, stamp.Size) ?? false)))
        {
            _next[relativePath] = entry;
            return entry.Sha256;
        }

        return null;
    }

    // The value of the first two (lowercase hex) characters, the blob folder's name; null for anything else.
    private static int? FolderIndex(ReadOnlySpan<char> name) =>
        name.Length >= 2 && HexValue(name[0]) is int high && HexValue(name[1]) is int low ? (high << 4) | low : null;

    private static int? HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => null,
    };

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
        if (!_changed && _next.Count == _previous.Count && SameFolders())
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var output = new ArrayBufferWriter<byte>((_next.Count * 140) + 64);
        Text(output, FormatHeader);
        Number(output, ScanStartNs, '\n');
        foreach (var (relative, entry) in _next)
        {
            if (relative.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0 || entry.Sha256 is null)
            {
                continue;
            }

            Stamp(output, entry.Stamp);
            Text(output, "\t");
            Text(output, entry.Sha256);
            Text(output, "\t");
            Text(output, relative);
            Text(output, "\n");
        }

        foreach (var (name, stamp) in _folders)
        {
            Text(output, FolderLine + name + "\t");
            Stamp(output, stamp);
            Text(output, "\n");
        }

        // Not flushed to disk: a cache lost or torn by a crash reads as no cache (a malformed line rejects it) or
        // as fewer entries (one is used only while its whole stamp matches the file), which costs hashing again;
        // flushing it made every changed release wait for the disk once more.
        await AtomicFile.WriteAsync(path, output.WrittenMemory, AtomicFile.OwnerOnly, cancellationToken, flushToDisk: false).ConfigureAwait(false);
    }

    // Device, inode, size, mtime ns and ctime ns, tab-separated, the last one with no tab after it.
    private static void Stamp(ArrayBufferWriter<byte> output, FileStamp stamp)
    {
        Number(output, stamp.Device, '\t');
        Number(output, stamp.Inode, '\t');
        Number(output, stamp.Size, '\t');
        Number(output, stamp.ModifiedNs, '\t');
        Number(output, stamp.ChangedNs, null);
    }

    private static void Number(ArrayBufferWriter<byte> output, ulong value, char? after)
    {
        Span<byte> span = output.GetSpan(21);
        Utf8Formatter.TryFormat(value, span, out int written);
        Finish(output, span, written, after);
    }

    private static void Number(ArrayBufferWriter<byte> output, long value, char? after)
    {
        Span<byte> span = output.GetSpan(21);
        Utf8Formatter.TryFormat(value, span, out int written);
        Finish(output, span, written, after);
    }

    private static void Finish(ArrayBufferWriter<byte> output, Span<byte> span, int written, char? after)
    {
        if (after is { } character)
        {
            span[written++] = (byte)character;
        }

        output.Advance(written);
    }

    private static void Text(ArrayBufferWriter<byte> output, string text)
    {
        Span<byte> span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    // Every folder trusted (same stamp as recorded, not racily clean) and none gone: the file on disk says it all.
    // A folder left untrusted makes a save, so its stamp is judged against this newer scan start next time.
    private bool SameFolders() => _trustedFolderCount == _folders.Count && _folders.Count == _previousFolders.Count;

    private sealed class Entry
    {
        public FileStamp Stamp { get; set; }

        public string? Sha256 { get; set; }
    }
}

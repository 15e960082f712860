using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
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
/// <remarks>
/// The file's lines are in path order, and the loaded text is kept (in pooled arrays, returned by
/// <see cref="Dispose"/>) with the bounds of each line: a file is found by its path with a binary search, or at
/// once when files are looked up in path order as a walk gives them, and only a found line's fields are parsed.
/// A warm release of 10,000 unchanged files then makes no string, object or table per cached file; as a table of
/// paths and digests the cache cost two large arrays and 20,000 strings on every release.
/// </remarks>
internal sealed class StatCache : IDisposable
{
    private static readonly long RacyWindowNs = (long)RacyWindow.TotalMilliseconds * 1_000_000L;

    private const string FormatHeader = "twelvefactor-statcache/4\t";

    // Versions 2 and 3 had the same lines (2 no folder lines) but not always in path order: read when they are.
    private static readonly string[] PreviousFormatHeaders = { "twelvefactor-statcache/3\t", "twelvefactor-statcache/2\t" };

    private const char FolderLine = '@';

    // A cache file larger than this (about two million files' lines) is not read: the build is hashed instead.
    private const long MaxFileBytes = 256L << 20;

    // Per entry line, in _lines: where its path starts, where it ends (its '\n' or the text's end), and 1 when its
    // fields read (0 otherwise: the line still keeps its place in the order the binary search walks). Its digest is
    // the 64 characters before the tab before its path.
    private const int LineFields = 3;

    // Per entry line, in _stamps: device, inode, size, mtime ns, ctime ns.
    private const int StampFields = 5;

    private char[]? _text;
    private int[]? _lines;
    // Bytes from the shared pool, read as longs: a pool of longs would be generic code compiled on a first release.
    private byte[]? _stamps;
    private readonly int _lineCount;
    private readonly BlobFolderStamps _previousFolders;
    private readonly long _previousScanStartNs;
    // By the value of a blob folder's two hex digits: trusted or not, without a substring per lookup.
    private readonly bool[] _trustedFolders = new bool[256];
    private int _trustedFolderCount;
    private BlobFolderStamps _folders = new();
    // Where the next in-order lookup is expected (KeepIfKnownInStore, single-threaded).
    private int _cursor;

    private StatCache(char[]? text, int[]? lines, byte[]? stamps, int lineCount, BlobFolderStamps previousFolders, long previousScanStartNs, long scanStartNs)
    {
        _text = text;
        _lines = lines;
        _stamps = stamps;
        _lineCount = lineCount;
        _previousFolders = previousFolders;
        _previousScanStartNs = previousScanStartNs;
        ScanStartNs = scanStartNs;
    }

    internal static TimeSpan RacyWindow => TimeSpan.FromSeconds(2);

    /// <summary>When this scan began, in Unix nanoseconds.</summary>
    internal long ScanStartNs { get; }

    /// <summary>How many file lines the loaded cache has.</summary>
    internal int EntryCount => _lineCount;

    /// <summary>Now, in Unix nanoseconds, as a scan's start is kept.</summary>
    internal static long NowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100L;

    /// <summary>Reads the cache file; a missing, unreadable or older-format one is an empty cache.</summary>
    internal static Task<StatCache> LoadAsync(string path, CancellationToken cancellationToken) => Task.FromResult(Load(path, NowNs(), cancellationToken));

    /// <summary>
    /// Reads the cache file for a scan that began at <paramref name="scanStartNs"/> (taken before any stamp of the
    /// scan, so the file can be read while the build is walked); a missing, unreadable, older-format or unordered
    /// one is empty.
    /// </summary>
    internal static StatCache Load(string path, long scanStartNs, CancellationToken cancellationToken)
    {
        try
        {
            // A synchronous read of one small file: the async path hops threads per 4 KiB buffer.
            cancellationToken.ThrowIfCancellationRequested();
            // A link, fifo or device at the cache's path reads as no cache (NotRegularFileException is an IOException).
            using SafeFileHandle handle = RegularFile.OpenRead(path);
            long length = RandomAccess.GetLength(handle);
            if (length is > 0 and <= MaxFileBytes)
            {
                byte[] bytes = ArrayPool<byte>.Shared.Rent((int)length);
                char[]? chars = ArrayPool<char>.Shared.Rent((int)length);
                try
                {
                    int read = HandleReads.Fill(handle, bytes.AsSpan(0, (int)length), 0);
                    int count = Encoding.UTF8.GetChars(bytes.AsSpan(0, read), chars);
                    if (TryIndex(chars.AsSpan(0, count), out int[]? lines, out byte[]? stamps, out int lineCount, out BlobFolderStamps? folders, out long previousScanStartNs))
                    {
                        var cache = new StatCache(chars, lines, stamps, lineCount, folders, previousScanStartNs, scanStartNs);
                        chars = null;
                        return cache;
                    }
                }
                finally
                {
                    if (chars is not null)
                    {
                        ArrayPool<char>.Shared.Return(chars);
                    }

                    ArrayPool<byte>.Shared.Return(bytes);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return new StatCache(null, null, null, 0, new BlobFolderStamps(), 0, scanStartNs);
    }

    // One line per file, tab-separated: device, inode, size, mtime ns, ctime ns, sha256, path; in ordinal path
    // order, after a header line with the format and the scan's start. A path holding a tab or line break is not
    // cached (it is re-hashed). A blob folder's line is '@' and its name, then device, inode, size, mtime ns,
    // ctime ns. Each file line's bounds and stamp are read here, on the thread that loads the cache while the
    // build is walked; one that does not read (fields, numbers, digest) is a file not cached, and lines out of
    // order (which a binary search would miss) are not a cache this format reads.
    private static bool TryIndex(
        ReadOnlySpan<char> text, [NotNullWhen(true)] out int[]? lines, [NotNullWhen(true)] out byte[]? stamps, out int lineCount, [NotNullWhen(true)] out BlobFolderStamps? folders, out long scanStartNs)
    {
        lines = null;
        stamps = null;
        lineCount = 0;
        folders = null;
        scanStartNs = 0;
        int lineEnd = text.IndexOf('\n');
        if (lineEnd < 0)
        {
            return false;
        }

        ReadOnlySpan<char> header = text[..lineEnd];
        int headerLength = header.StartsWith(FormatHeader) ? FormatHeader.Length : -1;
        foreach (string previous in PreviousFormatHeaders)
        {
            headerLength = headerLength < 0 && header.StartsWith(previous) ? previous.Length : headerLength;
        }

        if (headerLength < 0 || !long.TryParse(header[headerLength..], NumberStyles.None, CultureInfo.InvariantCulture, out scanStartNs))
        {
            return false;
        }

        var parsedFolders = new BlobFolderStamps();
        int capacity = Math.Max(1, text.Count('\n'));
        int[] bounds = ArrayPool<int>.Shared.Rent(capacity * LineFields);
        byte[] stampValues = ArrayPool<byte>.Shared.Rent(capacity * StampFields * sizeof(long));
        int count = 0;
        int start = lineEnd + 1;
        int previousPathStart = -1;
        int previousEnd = -1;
        while (start < text.Length)
        {
            int end = text[start..].IndexOf('\n');
            end = end < 0 ? text.Length : start + end;
            ReadOnlySpan<char> line = text[start..end];
            if (line.Length > 0 && line[0] == FolderLine)
            {
                // '@', the folder's name, a tab, then its stamp to the end of the line.
                int nameEnd = line.IndexOf('\t');
                int at = nameEnd + 1;
                if (nameEnd < 0 || !TryReadStamp(line, ref at, out FileStamp folderStamp) || at != line.Length)
                {
                    ArrayPool<byte>.Shared.Return(stampValues);
                    ArrayPool<int>.Shared.Return(bounds);
                    return false;
                }

                parsedFolders.TrySet(line[1..nameEnd], folderStamp);
                start = end + 1;
                continue;
            }

            int pathStart = start + line.LastIndexOf('\t') + 1;
            if (pathStart == start || (previousPathStart >= 0 && text[previousPathStart..previousEnd].SequenceCompareTo(text[pathStart..end]) >= 0))
            {
                ArrayPool<byte>.Shared.Return(stampValues);
                ArrayPool<int>.Shared.Return(bounds);
                return false;
            }

            previousPathStart = pathStart;
            previousEnd = end;
            bool reads = TryReadFileLine(line, pathStart - start - 1, out FileStamp stamp);
            bounds[(count * LineFields) + 0] = pathStart;
            bounds[(count * LineFields) + 1] = end;
            bounds[(count * LineFields) + 2] = reads ? 1 : 0;
            if (reads)
            {
                Span<long> values = MemoryMarshal.Cast<byte, long>(stampValues.AsSpan(count * StampFields * sizeof(long), StampFields * sizeof(long)));
                values[0] = (long)stamp.Device;
                values[1] = (long)stamp.Inode;
                values[2] = stamp.Size;
                values[3] = stamp.ModifiedNs;
                values[4] = stamp.ChangedNs;
            }

            count++;
            start = end + 1;
        }

        lines = bounds;
        stamps = stampValues;
        lineCount = count;
        folders = parsedFolders;
        return true;
    }

    // A file line's fields before its path (which starts after the tab at digestEnd): its stamp, a tab, the digest.
    private static bool TryReadFileLine(ReadOnlySpan<char> line, int digestEnd, out FileStamp stamp)
    {
        int at = 0;
        return TryReadStamp(line, ref at, out stamp)
            && at < digestEnd
            && line[at] == '\t'
            && Sha256Hex.IsValid(line[(at + 1)..digestEnd]);
    }

    // Device, inode, size, mtime ns and ctime ns from at, tab-separated, as PutStamp writes them; at is left on what
    // ended the last (a tab or the line's end). Read by hand (decimal digits, a '-' or '+' on a time only, nothing
    // beyond the field's type): split and parsed through the culture-aware number parser, 10,000 file lines cost each
    // warm release 7 ms of CPU on the loading thread, next to the walk.
    private static bool TryReadStamp(ReadOnlySpan<char> line, ref int at, out FileStamp stamp)
    {
        stamp = default;
        if (!TryReadNumber(line, ref at, signed: false, out ulong device, out _) || !TryPassTab(line, ref at)
            || !TryReadNumber(line, ref at, signed: false, out ulong inode, out _) || !TryPassTab(line, ref at)
            || !TryReadNumber(line, ref at, signed: false, out ulong size, out _) || size > long.MaxValue || !TryPassTab(line, ref at)
            || !TryReadNumber(line, ref at, signed: true, out ulong modified, out bool modifiedNegative) || !TryPassTab(line, ref at)
            || !TryReadNumber(line, ref at, signed: true, out ulong changed, out bool changedNegative)
            || !TryTime(modified, modifiedNegative, out long modifiedNs)
            || !TryTime(changed, changedNegative, out long changedNs))
        {
            return false;
        }

        stamp = new FileStamp(device, inode, (long)size, modifiedNs, changedNs);
        return true;
    }

    // Digits from at up to a tab or the line's end, where at is left; false for no digit, anything else, or more
    // than a ulong holds.
    private static bool TryReadNumber(ReadOnlySpan<char> line, ref int at, bool signed, out ulong value, out bool negative)
    {
        value = 0;
        negative = false;
        int i = at;
        if (signed && i < line.Length && line[i] is '-' or '+')
        {
            negative = line[i] == '-';
            i++;
        }

        int first = i;
        for (; i < line.Length && line[i] != '\t'; i++)
        {
            // Past ulong.MaxValue (18446744073709551615) when the value so far is above its first 19 digits, or
            // equal to them with a last digit above 5; constants, where a bound computed per digit was a division.
            uint digit = (uint)(line[i] - '0');
            if (digit > 9 || value > ulong.MaxValue / 10 || (value == ulong.MaxValue / 10 && digit > ulong.MaxValue % 10))
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        at = i;
        return i > first;
    }

    private static bool TryPassTab(ReadOnlySpan<char> line, ref int at)
    {
        if (at >= line.Length || line[at] != '\t')
        {
            return false;
        }

        at++;
        return true;
    }

    private static bool TryTime(ulong magnitude, bool negative, out long nanoseconds)
    {
        nanoseconds = negative ? unchecked((long)(0UL - magnitude)) : (long)magnitude;
        return negative ? magnitude <= 1UL << 63 : magnitude <= long.MaxValue;
    }

    /// <summary>
    /// Takes the blob folders' stamps as this scan begins (after the cache was loaded, so after its start time):
    /// a folder whose stamp equals the one the previous scan recorded, and was not changed within
    /// <see cref="RacyWindow"/> of that scan's start, still holds every blob it held then. These stamps are the ones
    /// saved, so anything that changes a folder after this moment, this scan's own new blobs included, makes the
    /// next scan check that folder's blobs again.
    /// </summary>
    internal void TrustBlobFolders(BlobFolderStamps current)
    {
        _folders = current;
        for (int index = 0; index < 256; index++)
        {
            if (current.TryGet(index, out FileStamp stamp)
                && _previousFolders.TryGet(index, out FileStamp previous)
                && previous == stamp
                && stamp.ChangedNs < _previousScanStartNs - RacyWindowNs
                && stamp.ModifiedNs < _previousScanStartNs - RacyWindowNs
                && !_trustedFolders[index])
            {
                _trustedFolders[index] = true;
                _trustedFolderCount++;
            }
        }
    }

    /// <summary>True when a blob the previous scan recorded is known to be in the store still, without a stat.</summary>
    internal bool IsKnownInStore(ReadOnlySpan<char> sha256) => BlobFolderStamps.IndexOf(sha256) is int index && _trustedFolders[index];

    /// <summary>
    /// The SHA-256 the cache holds for a file whose stamp is unchanged and not racily clean, when its blob is known
    /// to be in the store (<see cref="IsKnownInStore"/>, else <paramref name="isInStore"/> asked with the blob's
    /// digest and the file's size); else null. Fastest when called in path order, as a walk gives the files.
    /// Not synchronized: only for the single-threaded pass over known files.
    /// </summary>
    internal string? KeepIfKnownInStore(string relativePath, FileStamp stamp, Func<string, long, bool>? isInStore = null)
    {
        int line = _cursor < _lineCount && relativePath.AsSpan().SequenceEqual(PathOf(_cursor)) ? _cursor : Find(relativePath);
        if (line < 0)
        {
            return null;
        }

        _cursor = line + 1;
        if (!TryRead(line, stamp, out ReadOnlySpan<char> sha))
        {
            return null;
        }

        if (IsKnownInStore(sha))
        {
            return sha.ToString();
        }

        if (isInStore is not null)
        {
            string digest = sha.ToString();
            return isInStore(digest, stamp.Size) ? digest : null;
        }

        return null;
    }

    /// <summary>The SHA-256 recorded for a file whose stamp is unchanged and was not racily clean; else null. Thread-safe.</summary>
    internal string? Lookup(string relativePath, FileStamp stamp)
    {
        int line = Find(relativePath);
        return line >= 0 && TryRead(line, stamp, out ReadOnlySpan<char> sha) ? sha.ToString() : null;
    }

    private ReadOnlySpan<char> PathOf(int line) => _text.AsSpan(_lines![line * LineFields].._lines[(line * LineFields) + 1]);

    // The line of a path, by binary search (the lines are in ordinal path order); -1 when there is none.
    private int Find(string relativePath)
    {
        int low = 0;
        int high = _lineCount - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            int order = PathOf(middle).SequenceCompareTo(relativePath);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    // A line's digest, when the line reads (seven fields, a stamp, a well-formed digest), its stamp is the file's,
    // and the file was not changed within the racy window before the previous scan began.
    private bool TryRead(int line, FileStamp stamp, out ReadOnlySpan<char> sha)
    {
        sha = default;
        int pathStart = _lines![line * LineFields];
        ReadOnlySpan<long> cached = MemoryMarshal.Cast<byte, long>(_stamps.AsSpan(line * StampFields * sizeof(long), StampFields * sizeof(long)));
        if (_lines[(line * LineFields) + 2] == 0
            || stamp.ChangedNs >= _previousScanStartNs - RacyWindowNs
            || stamp.ModifiedNs >= _previousScanStartNs - RacyWindowNs
            || cached[0] != (long)stamp.Device
            || cached[1] != (long)stamp.Inode
            || cached[2] != stamp.Size
            || cached[3] != stamp.ModifiedNs
            || cached[4] != stamp.ChangedNs)
        {
            return false;
        }

        sha = _text.AsSpan(pathStart - 1 - Sha256Hex.Length, Sha256Hex.Length);
        return true;
    }

    /// <summary>
    /// Writes the cache for this scan, atomically and owner-only: a line for each file of <paramref name="files"/>
    /// (in path order, as a walk lists them) that was stamped and whose entry in <paramref name="entries"/> has the
    /// size it was stamped with. <paramref name="unchanged"/> counts the files the cache already held as they are
    /// (its hits): when that is every line written and every line read, and the blob folders are as recorded, the
    /// file on disk says it all and is left alone.
    /// </summary>
    internal async Task SaveAsync(string path, IReadOnlyList<ScannedFile> files, IReadOnlyList<ReleaseFileEntry> entries, int unchanged, CancellationToken cancellationToken)
    {
        int recorded = 0;
        for (int i = 0; i < files.Count; i++)
        {
            recorded += IsRecorded(files[i], entries[i]) ? 1 : 0;
        }

        if (unchanged == recorded && recorded == _lineCount && SameFolders())
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var output = new PooledBufferWriter((recorded * 140) + (_folders.Count * 64) + 64);
        Write(output, files, entries);

        // Not flushed to disk: a cache lost or torn by a crash reads as no cache (a malformed line rejects it) or
        // as fewer entries (one is used only while its whole stamp matches the file), which costs hashing again;
        // flushing it made every changed release wait for the disk once more.
        AtomicFile.Write(path, output.WrittenSpan, AtomicFile.OwnerOnly, cancellationToken, flushToDisk: false);
    }

    // Each line is formatted straight into the buffer, which is asked for room once per line: a call through the
    // buffer writer per field was 15 ms for 10,000 lines on a session's first release.
    private void Write(PooledBufferWriter output, IReadOnlyList<ScannedFile> files, IReadOnlyList<ReleaseFileEntry> entries)
    {
        Span<byte> head = output.GetSpan(FormatHeader.Length + 21);
        int length = Encoding.UTF8.GetBytes(FormatHeader, head);
        length = Put(head, length, ScanStartNs, '\n');
        output.Advance(length);
        string? previous = null;
        for (int i = 0; i < files.Count; i++)
        {
            ScannedFile file = files[i];
            ReleaseFileEntry entry = entries[i];
            // In order, once each: a binary search relies on it (a walk gives each path once, in order).
            if (!IsRecorded(file, entry) || file.Relative.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0 || (previous is not null && string.CompareOrdinal(previous, file.Relative) >= 0))
            {
                continue;
            }

            Span<byte> line = output.GetSpan(StampBytes + entry.Sha256!.Length + Encoding.UTF8.GetMaxByteCount(file.Relative.Length) + 2);
            length = PutStamp(line, 0, file.Stamp, '\t');
            length += Encoding.UTF8.GetBytes(entry.Sha256, line[length..]);
            line[length++] = (byte)'\t';
            length += Encoding.UTF8.GetBytes(file.Relative, line[length..]);
            line[length++] = (byte)'\n';
            output.Advance(length);
            previous = file.Relative;
        }

        for (int index = 0; index < 256; index++)
        {
            if (_folders.TryGet(index, out FileStamp stamp))
            {
                Span<byte> line = output.GetSpan(StampBytes + 4);
                line[0] = (byte)FolderLine;
                length = 1 + Encoding.UTF8.GetBytes(BlobFolderStamps.NameOf(index), line[1..]);
                line[length++] = (byte)'\t';
                length = PutStamp(line, length, stamp, '\n');
                output.Advance(length);
            }
        }
    }

    // The most a stamp takes: five numbers of up to 20 digits and a sign, each with the character after it.
    private const int StampBytes = 5 * 22;

    // Device, inode, size, mtime ns and ctime ns, tab-separated, then the character given.
    private static int PutStamp(Span<byte> line, int at, FileStamp stamp, char after)
    {
        at = Put(line, at, stamp.Device, '\t');
        at = Put(line, at, stamp.Inode, '\t');
        at = Put(line, at, stamp.Size, '\t');
        at = Put(line, at, stamp.ModifiedNs, '\t');
        return Put(line, at, stamp.ChangedNs, after);
    }

    private static int Put(Span<byte> line, int at, ulong value, char after)
    {
        Utf8Formatter.TryFormat(value, line[at..], out int written);
        line[at + written] = (byte)after;
        return at + written + 1;
    }

    private static int Put(Span<byte> line, int at, long value, char after)
    {
        Utf8Formatter.TryFormat(value, line[at..], out int written);
        line[at + written] = (byte)after;
        return at + written + 1;
    }

    // Files are remembered when stat'ed and read at the size they were stat'ed with.
    private static bool IsRecorded(ScannedFile file, ReleaseFileEntry entry) => file.Stamped && entry.Sha256 is not null && entry.Size == file.Stamp.Size;

    /// <summary>Returns the loaded text to the pool.</summary>
    public void Dispose()
    {
        if (_text is { } text)
        {
            _text = null;
            ArrayPool<char>.Shared.Return(text);
        }

        if (_lines is { } lines)
        {
            _lines = null;
            ArrayPool<int>.Shared.Return(lines);
        }

        if (_stamps is { } stamps)
        {
            _stamps = null;
            ArrayPool<byte>.Shared.Return(stamps);
        }
    }

    // Every folder trusted (same stamp as recorded, not racily clean) and none gone: the file on disk says it all.
    // A folder left untrusted makes a save, so its stamp is judged against this newer scan start next time.
    private bool SameFolders() => _trustedFolderCount == _folders.Count && _folders.Count == _previousFolders.Count;
}

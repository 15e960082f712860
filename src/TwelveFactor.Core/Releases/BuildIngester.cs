using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;
using TwelveFactor.Core.Resources;
using TwelveFactor.Core.Releases.Stores;

using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases;

/// <summary>
/// Turns a build folder or archive into a file list whose content is in the store. Everything is validated
/// before the first byte is stored, so bad input leaves the store unchanged. Files are hashed in parallel;
/// content the store already holds is read once and never written again.
/// </summary>
internal sealed class BuildIngester
{
    // Files up to this size are read once into memory, hashed, and written only when new.
    private const int SmallFileLimit = 1 << 20;

    // On Unix a share mode is only an advisory flock that costs two syscalls per file; a build file that changes
    // while it is read is caught by the re-hash anyway. Windows keeps the real share mode.
    private static readonly FileShare ReadShare = OperatingSystem.IsWindows() ? FileShare.Read : FileShare.ReadWrite;
    private const int BufferSize = 1 << 20;
    internal const int DefaultFileMode = 0b110_100_100; // 0644
    private const int DefaultDirectoryLinkMode = 0b111_111_111; // 0777, as symlinks have
    internal const int DefaultFolderMode = 0b111_101_101; // 0755: folders with this mode are not recorded

    private readonly IReleaseStore _store;
    private readonly int _parallelism;
    private readonly ProgressReporter _progress;
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);
    private readonly string? _statCachePath;
    private readonly ArchiveLimits _limits;
    private readonly List<ReleaseDirectoryEntry> _directories = new();
    private long _bytesStored;
    private int _filesRead;

    internal BuildIngester(IReleaseStore store, int parallelism, IProgress<ReleaseProgress>? progress, string? statCachePath = null, ArchiveLimits? limits = null)
    {
        _store = store;
        _limits = limits ?? ArchiveLimits.Default;
        _statCachePath = statCachePath;
        _parallelism = Math.Max(1, parallelism);
        _progress = new ProgressReporter(progress, ReleaseOperation.Storing);
    }

    /// <summary>Bytes of new content this ingestion wrote to the store.</summary>
    internal long BytesStored => Interlocked.Read(ref _bytesStored);

    /// <summary>The build's folders whose permission bits are not 0755, ordered by path; filled by <see cref="IngestAsync"/>.</summary>
    internal IReadOnlyList<ReleaseDirectoryEntry> Directories => _directories;

    /// <summary>Files whose content was read and hashed (the rest were known by their stat cache stamp).</summary>
    internal int FilesRead => Volatile.Read(ref _filesRead);

    internal static bool IsArchive(string path) =>
        path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    internal async Task<IReadOnlyList<ReleaseFileEntry>> IngestAsync(string buildPath, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReleaseFileEntry> entries;
        if (Directory.Exists(buildPath))
        {
            entries = await IngestFolderAsync(buildPath, cancellationToken).ConfigureAwait(false);
        }
        else if (buildPath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            entries = await IngestZipAsync(buildPath, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            entries = await IngestTarAsync(buildPath, cancellationToken).ConfigureAwait(false);
        }

        _directories.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        _progress.Complete();
        return entries;
    }

    // Folders are recorded only when closer or wider than usual, so ordinary builds keep their digests.
    private void RecordFolder(string relative, int mode)
    {
        if (FolderEntry(relative, mode) is { } folder)
        {
            _directories.Add(folder);
        }
    }

    internal static ReleaseDirectoryEntry? FolderEntry(string relative, int mode)
    {
        int permissions = BuildPathRules.PermissionsOf(mode);
        return permissions != DefaultFolderMode && !OperatingSystem.IsWindows() ? new ReleaseDirectoryEntry(relative, permissions) : null;
    }

    private static ReleaseException Empty(string path) =>
        new(ProblemId.BuildPathEmpty, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.BuildPathEmpty, path), path);

    internal static ReleaseException Unsupported(string entry, Exception? inner = null) =>
        new(ProblemId.ArchiveEntryUnsupported, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ArchiveEntryUnsupported, entry), entry, inner);

    private static List<ReleaseFileEntry> Sorted(IEnumerable<ReleaseFileEntry> entries) =>
        Checked(entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList());

    // The whole list, in path order: nothing below a link, no link that climbs out.
    private static List<ReleaseFileEntry> Checked(List<ReleaseFileEntry> entries)
    {
        BuildPathRules.RejectEntriesBelowLinks(entries);
        BuildPathRules.RejectLinksThatEscape(entries);
        return entries;
    }

    private async Task<IReadOnlyList<ReleaseFileEntry>> IngestFolderAsync(string root, CancellationToken cancellationToken)
    {
        // The scan's start time, which guards against racily clean entries next time, precedes every stamp taken
        // below, the blob folders' included. The cache file is read on another thread while the build is walked.
        long scanStartNs = StatCache.NowNs();
        string? statCachePath = _statCachePath;
        Task<StatCache>? loading = statCachePath is null ? null : Task.Run(() => StatCache.Load(statCachePath, scanStartNs, cancellationToken), cancellationToken);
        BlobFolderStamps? folderStamps = loading is not null && _store is LocalReleaseStore local ? local.BlobFolderStamps() : null;
        List<ScannedFile> files;
        List<ReleaseFileEntry> links;
        try
        {
            (files, links) = ScanFolder(root, cancellationToken);
        }
        finally
        {
            // Never leave the read running past a refusal.
            if (loading is not null)
            {
                await ((Task)loading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        using StatCache? cache = loading is null ? null : await loading.ConfigureAwait(false);
        if (cache is not null && folderStamps is not null)
        {
            cache.TrustBlobFolders(folderStamps);
        }

        if (files.Count == 0 && links.Count == 0)
        {
            throw Empty(root);
        }

        // Before the first byte is stored: a link chain that climbs out refuses the whole build.
        BuildPathRules.RejectLinksThatEscape(links);

        _progress.SetTotals(files.Count, files.Sum(f => f.Size));
        var results = new ReleaseFileEntry[files.Count];

        // Files the stat cache knows, whose blob is known to be in the store, are settled here in one pass: a
        // parallel loop's per-item cost and lock traffic would be most of an unchanged release's time.
        // A blob in a folder whose stamp moved is looked at with one statx here (sealed, of the file's size); only
        // what that does not settle goes to the parallel pass and the store's full check.
        Func<string, long, bool>? isInStore = _store is LocalReleaseStore store ? store.IsSealedBlob : null;
        var rest = new List<int>();
        int settled = 0;
        long settledBytes = 0;
        for (int i = 0; i < files.Count; i++)
        {
            ScannedFile file = files[i];
            if (file.Stamped && cache?.KeepIfKnownInStore(file.Relative, file.Stamp, isInStore) is { } sha)
            {
                results[i] = new ReleaseFileEntry(file.Relative, file.Stamp.Size, sha, file.Mode, null);
                settled++;
                settledBytes += file.Stamp.Size;
            }
            else
            {
                rest.Add(i);
            }
        }

        // Files the cache held as they are (its hits): when that is all of them, the cache is not written again.
        int unchanged = settled;
        if (settled > 0)
        {
            _progress.Advance(settled, settledBytes, files[^1].Relative);
        }

        // Files to read, or whose blob must be looked for: in parallel (none, for a build that did not change).
        if (rest.Count == 1)
        {
            // One changed file (the common incremental release): settled here, without a parallel loop's machinery.
            await SettleAsync(rest[0], cancellationToken).ConfigureAwait(false);
        }
        else if (rest.Count > 1)
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(rest, parallel, (i, ct) => SettleAsync(i, ct)).ConfigureAwait(false);
        }

        // A file the stat cache may know (its blob looked for in the store), else read, hashed and stored.
        async ValueTask SettleAsync(int i, CancellationToken ct)
        {
            ScannedFile file = files[i];
            bool stamped = file.Stamped && cache is not null;
            if (stamped && cache!.Lookup(file.Relative, file.Stamp) is { } known
                && (_seen.ContainsKey(known) || await _store.BlobExistsAsync(known, ct).ConfigureAwait(false)))
            {
                _seen.TryAdd(known, true);
                Interlocked.Increment(ref unchanged);
                results[i] = new ReleaseFileEntry(file.Relative, file.Stamp.Size, known, file.Mode, null);
                _progress.Advance(file.Stamp.Size, file.Relative);
                return;
            }

            // A file the stat cache does not know is new or changed, so its content is most likely new too.
            (string sha, long actualSize) = await StoreFileAsync(file.FullPath, file.Size, likelyNew: stamped, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _filesRead);
            results[i] = new ReleaseFileEntry(file.Relative, actualSize, sha, file.Mode, null);
            _progress.Advance(actualSize, file.Relative);
        }

        if (cache is not null)
        {
            await cache.SaveAsync(_statCachePath!, files, results, unchanged, cancellationToken).ConfigureAwait(false);
        }

        // The walk lists files and links each in path order: merged, they need no sort.
        var entries = new List<ReleaseFileEntry>(results.Length + links.Count);
        int link = 0;
        foreach (ReleaseFileEntry file in results)
        {
            while (link < links.Count && string.CompareOrdinal(links[link].Path, file.Path) < 0)
            {
                entries.Add(links[link++]);
            }

            entries.Add(file);
        }

        entries.AddRange(links.Skip(link));
        return Checked(entries);
    }

    /// <summary>
    /// Walks a build folder by hand, so a symlinked folder is recorded as a link and never walked into, and returns
    /// its files and its links, each in ordinal path order. The folders of one depth are listed in parallel (a stat
    /// per entry is most of an unchanged release's time); each folder's entries are sorted by name, a folder's
    /// name with '/' after it, so reading the folders depth first gives every path in order without a sort.
    /// </summary>
    private (List<ScannedFile> Files, List<ReleaseFileEntry> Links) ScanFolder(string root, CancellationToken cancellationToken)
    {
        var top = new BuildFolderListing(root, string.Empty);
        var level = new List<BuildFolderListing> { top };
        int entryCount = 0;
        while (level.Count > 0)
        {
            if (level.Count == 1)
            {
                level[0].List(cancellationToken);
            }
            else
            {
                Parallel.For(0, level.Count, new ParallelOptions { MaxDegreeOfParallelism = _parallelism }, i => level[i].List(cancellationToken));
            }

            var next = new List<BuildFolderListing>();
            foreach (BuildFolderListing folder in level)
            {
                // The first failure in path order, whichever thread met it first.
                folder.Failure?.Throw();
                _directories.AddRange(folder.Folders);
                entryCount += folder.Items.Count;
                foreach (object item in folder.Items)
                {
                    if (item is BuildFolderListing.Item { Subfolder: { } subfolder })
                    {
                        next.Add(subfolder);
                    }
                }
            }

            level = next;
        }

        // Sized once: grown by doubling, the list of 10,000 files was a few large arrays per release.
        var files = new List<ScannedFile>(entryCount);
        var links = new List<ReleaseFileEntry>();
        // Folders part-read, and where to go on in each: two lists, not a stack of tuples, whose generic code over a
        // tuple would be compiled on a session's first release.
        var pendingFolders = new List<BuildFolderListing> { top };
        var pendingNext = new List<int> { 0 };
        while (pendingFolders.Count > 0)
        {
            BuildFolderListing folder = pendingFolders[^1];
            int next = pendingNext[^1];
            pendingFolders.RemoveAt(pendingFolders.Count - 1);
            pendingNext.RemoveAt(pendingNext.Count - 1);
            for (int i = next; i < folder.Items.Count; i++)
            {
                object item = folder.Items[i];
                if (item is ScannedFile file)
                {
                    files.Add(file);
                    continue;
                }

                var other = (BuildFolderListing.Item)item;
                if (other.Subfolder is { } subfolder)
                {
                    pendingFolders.Add(folder);
                    pendingNext.Add(i + 1);
                    pendingFolders.Add(subfolder);
                    pendingNext.Add(0);
                    break;
                }

                links.Add(other.Link!);
            }
        }

        // Names with a backslash are recorded with '/' (as on Windows), which can break the order: sort then.
        if (!OrdinalOrder.IsSorted(files, f => f.Relative))
        {
            files.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        }

        if (!OrdinalOrder.IsSorted(links, l => l.Path))
        {
            links.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        }

        return (files, links);
    }

    internal static ReleaseFileEntry LinkEntry(string relative, string? target) =>
        new(relative, 0, null, DefaultDirectoryLinkMode, BuildPathRules.ValidateLinkTarget(relative, target ?? throw Unsupported(relative)));

    private async Task<(string Sha256, long Size)> StoreFileAsync(string path, long expectedSize, bool likelyNew, CancellationToken cancellationToken)
    {
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, ReadShare, FileOptions.SequentialScan);
        if (expectedSize <= SmallFileLimit)
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(SmallFileLimit + 1);
            try
            {
                // Read synchronously on this pool thread (the parallel loop's worker): on Unix an asynchronous read
                // of this handle is the same read on another pool thread after a hop.
                int length = 0;
                int read;
                while ((read = ReadSmall(handle, buffer.AsSpan(length), length, cancellationToken)) > 0)
                {
                    length += read;
                    if (length > SmallFileLimit)
                    {
                        // It grew past the limit while we read it: take the streaming path below.
                        return await StoreLargeFileAsync(handle, path, likelyNew, cancellationToken).ConfigureAwait(false);
                    }
                }

                string sha = Sha256Hex.Of(buffer.AsSpan(0, length));
                if (_seen.TryAdd(sha, true) && await _store.PutBlobAsync(sha, buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false))
                {
                    Interlocked.Add(ref _bytesStored, length);
                }

                return (sha, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return await StoreLargeFileAsync(handle, path, likelyNew, cancellationToken).ConfigureAwait(false);
    }

    private static int ReadSmall(SafeFileHandle handle, Span<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return RandomAccess.Read(handle, buffer, offset);
    }

    private async Task<(string Sha256, long Size)> StoreLargeFileAsync(SafeFileHandle handle, string path, bool likelyNew, CancellationToken cancellationToken)
    {
        if (likelyNew)
        {
            // One pass: the store hashes while it writes, and drops its copy if the content turns out known.
            // Hashing first would read and hash every byte twice for content that is almost always new.
            await using var content = new FileStream(path, FileMode.Open, FileAccess.Read, ReadShare, 1, FileOptions.SequentialScan);
            BlobWriteResult written = await _store.PutBlobAsync(content, null, cancellationToken).ConfigureAwait(false);
            _seen.TryAdd(written.Sha256, true);
            if (written.Stored)
            {
                Interlocked.Add(ref _bytesStored, written.Size);
            }

            return (written.Sha256, written.Size);
        }

        // Hash first: content the store already holds is then never written.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        string sha;
        long size = 0;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            int read;
            while ((read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, BufferSize), size, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
            }

            sha = Sha256Hex.Format(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (_seen.TryAdd(sha, true) && !await _store.BlobExistsAsync(sha, cancellationToken).ConfigureAwait(false))
        {
            // The store re-hashes while writing and refuses the bytes if the file changed in between.
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, ReadShare, 1, FileOptions.SequentialScan);
            BlobWriteResult result = await _store.PutBlobAsync(stream, sha, cancellationToken).ConfigureAwait(false);
            if (result.Stored)
            {
                Interlocked.Add(ref _bytesStored, result.Size);
            }
        }

        return (sha, size);
    }

    private async Task<(string Sha256, long Size)> StoreStreamAsync(Stream content, long length, CancellationToken cancellationToken)
    {
        if (length <= SmallFileLimit)
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
            try
            {
                int total = 0;
                int read;
                while (total < length && (read = await content.ReadAsync(buffer.AsMemory(total, (int)length - total), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }

                string sha = Sha256Hex.Of(buffer.AsSpan(0, total));
                if (_seen.TryAdd(sha, true) && await _store.PutBlobAsync(sha, buffer.AsMemory(0, total), cancellationToken).ConfigureAwait(false))
                {
                    Interlocked.Add(ref _bytesStored, total);
                }

                return (sha, total);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        BlobWriteResult result = await _store.PutBlobAsync(content, null, cancellationToken).ConfigureAwait(false);
        _seen.TryAdd(result.Sha256, true);
        if (result.Stored)
        {
            Interlocked.Add(ref _bytesStored, result.Size);
        }

        return (result.Sha256, result.Size);
    }

    private async Task<IReadOnlyList<ReleaseFileEntry>> IngestZipAsync(string path, CancellationToken cancellationToken)
    {
        const int TypeMask = 0xF000;
        const int RegularType = 0x8000;
        const int DirectoryType = 0x4000;
        const int LinkType = 0xA000;

        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw Unsupported(path, ex);
        }

        using (archive)
        {
            // Pass 1: names, kinds and link targets, before anything is stored; declared sizes count against the
            // caps here, the bytes actually read count again in pass 2 (a header can lie).
            long archiveSize = new FileInfo(path).Length;
            var declared = new ExpansionBudget(path, archiveSize, _limits);
            var plan = new Dictionary<string, (ZipArchiveEntry Entry, int Mode, string? Target)>(StringComparer.Ordinal);
            foreach (ZipArchiveEntry entry in archive.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                declared.AddEntry(entry.FullName);
                string? name = BuildPathRules.NormalizeEntry(entry.FullName);
                int unix = (entry.ExternalAttributes >> 16) & 0xFFFF;
                int type = unix & TypeMask;
                bool isDirectory = entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\') || type == DirectoryType;
                if (name is not null && isDirectory && unix != 0)
                {
                    RecordFolder(name, unix);
                }

                if (name is null || isDirectory)
                {
                    continue;
                }

                declared.AddBytes(entry.Length);

                if (type == LinkType)
                {
                    using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                    string target = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                    plan[name] = (entry, DefaultDirectoryLinkMode, BuildPathRules.ValidateLinkTarget(name, target));
                }
                else if (type is 0 or RegularType)
                {
                    int mode = BuildPathRules.PermissionsOf(unix);
                    plan[name] = (entry, mode == 0 ? DefaultFileMode : mode, null);
                }
                else
                {
                    throw Unsupported(entry.FullName);
                }
            }

            if (plan.Count == 0)
            {
                throw Empty(path);
            }

            var planned = plan.Select(p => new ReleaseFileEntry(p.Key, 0, null, 0, p.Value.Target)).ToList();
            BuildPathRules.RejectEntriesBelowLinks(planned);
            BuildPathRules.RejectLinksThatEscape(planned);

            // Pass 2: content. A zip archive reads one entry at a time.
            var actual = new ExpansionBudget(path, archiveSize, _limits);
            _progress.SetTotals(plan.Count, plan.Values.Sum(p => p.Target is null ? p.Entry.Length : 0));
            var results = new List<ReleaseFileEntry>(plan.Count);
            foreach (var (name, (entry, mode, target)) in plan)
            {
                if (target is not null)
                {
                    results.Add(new ReleaseFileEntry(name, 0, null, mode, target));
                    continue;
                }

                try
                {
                    await using Stream content = new BudgetedReadStream(entry.Open(), actual);
                    (string sha, long size) = await StoreStreamAsync(content, entry.Length, cancellationToken).ConfigureAwait(false);
                    results.Add(new ReleaseFileEntry(name, size, sha, mode, null));
                    _progress.Advance(size, name);
                }
                catch (InvalidDataException ex)
                {
                    throw Unsupported(entry.FullName, ex);
                }
            }

            return Sorted(results);
        }
    }

    private async Task<IReadOnlyList<ReleaseFileEntry>> IngestTarAsync(string path, CancellationToken cancellationToken)
    {
        // Pass 1 reads headers only; pass 2 re-reads the archive for content.
        var plan = new Dictionary<string, (TarEntryType Type, int Mode, string? Target)>(StringComparer.Ordinal);
        long total = 0;

        // A tar header's size is exact (the reader reads that many bytes), so counting it in pass 1 stops a bomb
        // before pass 2 stores anything; pass 2 counts the bytes read again all the same.
        long archiveSize = new FileInfo(path).Length;
        var declared = new ExpansionBudget(path, archiveSize, _limits);
        await ReadTarAsync(path, copyData: false, cancellationToken, (entry, name) =>
        {
            declared.AddEntry(entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    RecordFolder(name, (int)entry.Mode);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    plan[name] = (TarEntryType.RegularFile, BuildPathRules.PermissionsOf((int)entry.Mode), null);
                    declared.AddBytes(entry.Length);
                    total += entry.Length;
                    break;
                case TarEntryType.SymbolicLink:
                    plan[name] = (TarEntryType.SymbolicLink, DefaultDirectoryLinkMode, BuildPathRules.ValidateLinkTarget(name, entry.LinkName));
                    break;
                case TarEntryType.HardLink:
                    string? source = BuildPathRules.NormalizeEntry(entry.LinkName);
                    if (source is null || !plan.TryGetValue(source, out var original) || original.Type != TarEntryType.RegularFile)
                    {
                        throw new ReleaseException(ProblemId.ArchiveEntryEscapes, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ArchiveEntryEscapes, name + " -> " + entry.LinkName), name);
                    }

                    plan[name] = (TarEntryType.HardLink, BuildPathRules.PermissionsOf((int)entry.Mode), source);
                    break;
                default:
                    throw Unsupported(entry.Name);
            }

            return Task.CompletedTask;
        }).ConfigureAwait(false);

        if (plan.Count == 0)
        {
            throw Empty(path);
        }

        var planned = plan.Select(p => new ReleaseFileEntry(p.Key, 0, null, 0, p.Value.Type == TarEntryType.SymbolicLink ? p.Value.Target : null)).ToList();
        BuildPathRules.RejectEntriesBelowLinks(planned);
        BuildPathRules.RejectLinksThatEscape(planned);
        _progress.SetTotals(plan.Count, total);
        var actual = new ExpansionBudget(path, archiveSize, _limits);

        var stored = new Dictionary<string, ReleaseFileEntry>(StringComparer.Ordinal);
        var hardLinks = new List<(string Name, int Mode, string Source)>();
        await ReadTarAsync(path, copyData: false, cancellationToken, async (entry, name) =>
        {
            if (!plan.TryGetValue(name, out var planned))
            {
                return;
            }

            switch (planned.Type)
            {
                case TarEntryType.RegularFile when entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    (string sha, long size) = entry.DataStream is null
                        ? (Sha256Hex.Of(ReadOnlySpan<byte>.Empty), 0L)
                        : await StoreStreamAsync(new BudgetedReadStream(entry.DataStream, actual, leaveOpen: true), entry.Length, cancellationToken).ConfigureAwait(false);
                    if (entry.DataStream is null && _seen.TryAdd(sha, true))
                    {
                        await _store.PutBlobAsync(sha, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
                    }

                    stored[name] = new ReleaseFileEntry(name, size, sha, planned.Mode, null);
                    _progress.Advance(size, name);
                    break;
                case TarEntryType.SymbolicLink:
                    stored[name] = new ReleaseFileEntry(name, 0, null, planned.Mode, planned.Target);
                    break;
                case TarEntryType.HardLink:
                    hardLinks.Add((name, planned.Mode, planned.Target!));
                    break;
            }
        }).ConfigureAwait(false);

        foreach (var (name, mode, source) in hardLinks)
        {
            ReleaseFileEntry original = stored[source];
            stored[name] = original with { Path = name, Mode = mode };
        }

        return Sorted(stored.Values);
    }

    private static async Task ReadTarAsync(string path, bool copyData, CancellationToken cancellationToken, Func<TarEntry, string, Task> onEntry)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan | FileOptions.Asynchronous);
            bool gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);
            await using Stream source = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            await using var reader = new TarReader(source);
            TarEntry? entry;
            while ((entry = await reader.GetNextEntryAsync(copyData, cancellationToken).ConfigureAwait(false)) is not null)
            {
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes)
                {
                    continue;
                }

                string? name = BuildPathRules.NormalizeEntry(entry.Name);
                if (name is not null)
                {
                    await onEntry(entry, name).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw Unsupported(path, ex);
        }
    }
}

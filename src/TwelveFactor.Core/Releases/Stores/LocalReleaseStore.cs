using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases.Stores;

/// <summary>
/// The default store: a folder on the local file system, owner-only (0700 folders, 0600 manifests), laid out as
/// <c>objects/ab/&lt;sha256&gt;</c> (read-only blobs, stored once), <c>apps/&lt;app&gt;/releases/vN.json</c>
/// (manifests, committed by link(2) so an id is taken exactly once) and <c>apps/&lt;app&gt;/published/</c>.
/// </summary>
public sealed class LocalReleaseStore : IReleaseStore
{
    /// <summary>The first line of the <c>format</c> file that marks a folder as a release store.</summary>
    public const string FormatMarker = "twelvefactor-release-store 1";

    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode BlobMode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const int CopyBufferSize = 1 << 20;

    // Manifests up to this size are tested in a pooled buffer (TestManifestAsync); about 90,000 files' worth.
    private const long MaxPooledManifestBytes = 16L << 20;

    // On Linux one syncfs at flush time replaces an fsync per blob; elsewhere each blob is flushed as written.
    private static readonly bool FlushEachBlob = !OperatingSystem.IsLinux();

    // On Unix a share mode is only an advisory flock; temp files made with CreateNew need none.
    private static readonly FileShare TempShare = OperatingSystem.IsWindows() ? FileShare.None : FileShare.ReadWrite;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _shards = new(StringComparer.Ordinal);
    private readonly string _objects;
    private readonly string _apps;

    /// <summary>Opens the store at <paramref name="root"/>, creating it (owner-only) when it does not exist.</summary>
    public LocalReleaseStore(string root)
        : this(root, createIfMissing: true)
    {
    }

    /// <summary>Opens the store at <paramref name="root"/>; without <paramref name="createIfMissing"/> a missing store is StoreNotFound.</summary>
    public LocalReleaseStore(string root, bool createIfMissing)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        _objects = Path.Combine(Root, "objects");
        _apps = Path.Combine(Root, "apps");
        if (!createIfMissing && !File.Exists(Path.Combine(Root, "format")))
        {
            throw new ReleaseException(ProblemId.StoreNotFound, string.Format(System.Globalization.CultureInfo.CurrentCulture, CoreReleaseStrings.StoreNotFound, Root), Root);
        }

        Initialize();
    }

    /// <summary>The store's root folder.</summary>
    public string Root { get; }

    /// <inheritdoc/>
    public string DisplayLocation => Root;

    /// <inheritdoc/>
    public string? LocalRoot => Root;

    /// <summary>
    /// The documented default: <c>$XDG_DATA_HOME/twelvefactor/releases</c>, else
    /// <c>~/.local/share/twelvefactor/releases</c> (on Windows <c>%LOCALAPPDATA%\twelvefactor\releases</c>).
    /// </summary>
    public static string DefaultRoot
    {
        get
        {
            string? xdg = ModuleSettings.Read(ModuleSettings.XdgDataHomeVariable);
            string data = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
                ? xdg
                : OperatingSystem.IsWindows()
                    ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            return Path.Combine(data, "twelvefactor", "releases");
        }
    }

    /// <inheritdoc/>
    public Task<byte[]> GetSaltAsync(CancellationToken cancellationToken)
    {
        string path = Path.Combine(Root, "salt");
        if (!File.Exists(path))
        {
            string temp = AtomicFile.WriteTemp(path, RandomNumberGenerator.GetBytes(32), AtomicFile.OwnerOnly, cancellationToken);
            try
            {
                // Two first users race here; the loser reads the winner's salt.
                NativeFileSystem.TryPublishNoReplace(temp, path);
            }
            finally
            {
                AtomicFile.TryDelete(temp);
            }
        }

        byte[] salt;
        try
        {
            salt = RegularFile.ReadAllBytes(path, 64);
        }
        catch (Exception ex) when (ex is NotRegularFileException or FileTooLargeException)
        {
            throw Tampered(ex, Root);
        }

        if (salt.Length != 32)
        {
            throw new ReleaseException(ProblemId.StoreVerificationFailed, CoreReleaseStrings.StoreSaltDamaged, Root);
        }

        return Task.FromResult(salt);
    }

    /// <summary>
    /// The modification time every blob gets when it is stored. A write to a blob (through a hard link in a
    /// published folder, say) moves it, so a blob whose time is not this one is suspect and is hashed before it is
    /// trusted again; making links and changing modes leave it alone.
    /// </summary>
    internal static readonly DateTime SealTime = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly long SealTimeNs = (SealTime - DateTime.UnixEpoch).Ticks * 100L;

    /// <inheritdoc/>
    /// <remarks>
    /// A blob counts only while it is intact: sealed (see <see cref="SealTime"/>), or, when its time moved (a blob
    /// of an older store, or one written through a link), re-hashed and matching its name, after which it is
    /// sealed again. A damaged blob does not exist for a new release, which then stores good bytes over it.
    /// </remarks>
    public async Task<bool> BlobExistsAsync(string sha256, CancellationToken cancellationToken) =>
        await CheckBlobAsync(sha256, null, cancellationToken).ConfigureAwait(false) == BlobState.Intact;

    /// <summary>Whether a blob is intact, missing or damaged; <paramref name="expectedSize"/> is checked when given.</summary>
    internal async Task<BlobState> CheckBlobAsync(string sha256, long? expectedSize, CancellationToken cancellationToken)
    {
        string path = BlobPath(sha256);

        // One statx where there is one (this runs once per file of every release), FileInfo elsewhere.
        long length;
        bool sealedBlob;
        if (Foundation.IO.Statx.TryRead(path, followLinks: false, Foundation.IO.Statx.Type | Foundation.IO.Statx.Size | Foundation.IO.Statx.Mtime, out Foundation.IO.Statx.Result stat))
        {
            // A link, fifo or device where a blob should be is damage, never something to open and read.
            if ((stat.RawMode & FileStamp.TypeMask) != FileStamp.RegularType)
            {
                return BlobState.Damaged;
            }

            length = stat.Size;
            sealedBlob = stat.ModifiedNs == SealTimeNs;
        }
        else
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return BlobState.Missing;
            }

            length = info.Length;
            sealedBlob = info.LastWriteTimeUtc == SealTime;
        }

        if (expectedSize is { } size && length != size)
        {
            return BlobState.Damaged;
        }

        if (sealedBlob)
        {
            return BlobState.Intact;
        }

        string actual;
        try
        {
            await using var stream = new FileStream(RegularFile.OpenRead(path), FileAccess.Read, 1 << 16);
            actual = Sha256Hex.Format(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
        catch (NotRegularFileException)
        {
            return BlobState.Damaged;
        }

        if (!string.Equals(actual, sha256, StringComparison.Ordinal))
        {
            return BlobState.Damaged;
        }

        try
        {
            File.SetLastWriteTimeUtc(path, SealTime);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another user's store: intact all the same, only not sealed for next time.
        }

        return BlobState.Intact;
    }

    /// <inheritdoc/>
    public async Task<bool> PutBlobAsync(string sha256, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        string final = BlobPath(sha256);
        if (await BlobExistsAsync(sha256, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        string temp = NewBlobTemp(final);
        bool moved = false;
        try
        {
            // CreateNew already makes the temp file ours alone; a share-none open would add a flock per blob.
            using (var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, TempShare, FileOptions.None, 0))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(handle, BlobMode);
                }

                // Synchronous: a local write (a small blob, already in memory) gains nothing from a hop to another
                // pool thread, and the await's suspension cost its callers a state machine box each.
                cancellationToken.ThrowIfCancellationRequested();
                RandomAccess.Write(handle, content.Span, 0);
                File.SetLastWriteTimeUtc(handle, SealTime);
                if (FlushEachBlob)
                {
                    RandomAccess.FlushToDisk(handle);
                }
                else
                {
                    NativeFileSystem.StartWriteback(handle);
                }
            }

            File.Move(temp, final, overwrite: true);
            moved = true;
            return true;
        }
        finally
        {
            if (!moved)
            {
                AtomicFile.TryDelete(temp);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<BlobWriteResult> PutBlobAsync(Stream content, string? expectedSha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (expectedSha256 is not null && await BlobExistsAsync(expectedSha256, cancellationToken).ConfigureAwait(false))
        {
            return new BlobWriteResult(expectedSha256, new FileInfo(BlobPath(expectedSha256)).Length, Stored: false);
        }

        string temp = NewBlobTemp(BlobPath(expectedSha256 ?? new string('0', 64)));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long size = 0;
            string actual;
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            using (var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, TempShare, FileOptions.None, 0))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(handle, BlobMode);
                }

                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await RandomAccess.WriteAsync(handle, buffer.AsMemory(0, read), size, cancellationToken).ConfigureAwait(false);
                    size += read;
                }

                File.SetLastWriteTimeUtc(handle, SealTime);

                if (FlushEachBlob)
                {
                    RandomAccess.FlushToDisk(handle);
                }
                else
                {
                    NativeFileSystem.StartWriteback(handle);
                }

                actual = Sha256Hex.Format(hash.GetHashAndReset());
            }

            if (expectedSha256 is not null && !string.Equals(actual, expectedSha256, StringComparison.Ordinal))
            {
                throw new ReleaseException(ProblemId.BuildChangedDuringRelease, CoreReleaseStrings.BuildChangedDuringRelease, null);
            }

            string final = BlobPath(actual);
            if (await BlobExistsAsync(actual, cancellationToken).ConfigureAwait(false))
            {
                return new BlobWriteResult(actual, size, Stored: false);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            File.Move(temp, final, overwrite: true);
            return new BlobWriteResult(actual, size, Stored: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            AtomicFile.TryDelete(temp);
        }
    }

    /// <inheritdoc/>
    public Task FlushBlobsAsync(CancellationToken cancellationToken)
    {
        if (!FlushEachBlob)
        {
            using SafeFileHandle handle = RegularFile.OpenRead(Path.Combine(Root, "format"));
            if (!NativeFileSystem.TrySyncFileSystem(handle))
            {
                throw new IOException(CoreReleaseStrings.StoreFlushFailed);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<Stream> OpenBlobAsync(string sha256, CancellationToken cancellationToken)
    {
        string path = BlobPath(sha256);
        try
        {
            return Task.FromResult<Stream>(new FileStream(RegularFile.OpenRead(path), FileAccess.Read, 1));
        }
        catch (FileNotFoundException ex)
        {
            throw new ReleaseException(ProblemId.BlobMissing, string.Format(CoreReleaseStrings.BlobMissing, sha256), sha256, ex);
        }
        catch (NotRegularFileException ex)
        {
            throw Tampered(ex, sha256);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new ReleaseException(ProblemId.BlobMissing, string.Format(CoreReleaseStrings.BlobMissing, sha256), sha256, ex);
        }
    }

    /// <inheritdoc/>
    public string? GetBlobPath(string sha256) => BlobPath(sha256);

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ListBlobsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (string dir in Directory.EnumerateDirectories(_objects))
        {
            foreach (string file in Directory.EnumerateFiles(dir))
            {
                cancellationToken.ThrowIfCancellationRequested();
                string name = Path.GetFileName(file);
                if (Sha256Hex.IsValid(name) && name.StartsWith(Path.GetFileName(dir), StringComparison.Ordinal))
                {
                    yield return name;
                }
            }
        }
    }

    /// <inheritdoc/>
    public Task<long> DeleteBlobAsync(string sha256, CancellationToken cancellationToken)
    {
        var file = new FileInfo(BlobPath(sha256));
        if (!file.Exists)
        {
            return Task.FromResult(0L);
        }

        long size = file.Length;
        file.Delete();
        return Task.FromResult(size);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListAppsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> apps = Directory.EnumerateDirectories(_apps)
            .Select(Path.GetFileName)
            .Where(name => name is not null && ReleaseNames.IsValidApp(name))
            .Select(name => name!)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(apps);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListReleaseIdsAsync(string app, CancellationToken cancellationToken)
    {
        string dir = ReleasesDir(app);
        IReadOnlyList<string> ids = !Directory.Exists(dir)
            ? Array.Empty<string>()
            : Directory.EnumerateFiles(dir, "v*.json")
                .Select(path => Path.GetFileNameWithoutExtension(path))
                .Where(ReleaseNames.IsValidId)
                .ToList();
        return Task.FromResult(ids);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<KeyValuePair<string, string>>> ListReleaseStampsAsync(string app, CancellationToken cancellationToken)
    {
        string dir = ReleasesDir(app);
        var stamps = new List<KeyValuePair<string, string>>();
        if (Directory.Exists(dir))
        {
            foreach (string path in Directory.EnumerateFiles(dir, "v*.json"))
            {
                string id = Path.GetFileNameWithoutExtension(path);
                if (ReleaseNames.IsValidId(id) && StampOf(path) is { } stamp)
                {
                    stamps.Add(new(id, stamp));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<KeyValuePair<string, string>>>(stamps);
    }

    // The change time moves on any write or rename and no tool can set it back (unlike the modification time).
    private static string? StampOf(string path)
    {
        if (FileStamp.TryGet(path, out FileStamp stamp))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{stamp.Device}:{stamp.Inode}:{stamp.Size}:{stamp.ModifiedNs}:{stamp.ChangedNs}");
        }

        var info = new FileInfo(path);
        return info.Exists ? string.Create(CultureInfo.InvariantCulture, $"{info.Length}:{info.LastWriteTimeUtc.Ticks}:{info.CreationTimeUtc.Ticks}") : null;
    }

    /// <inheritdoc/>
    public Task<byte[]?> ReadReleaseIndexAsync(string app, int maxBytes, CancellationToken cancellationToken) =>
        ReadAppCacheAsync(ReleaseIndexPath(app), maxBytes, cancellationToken);

    /// <inheritdoc/>
    public Task<byte[]?> ReadBlobReferencesAsync(string app, int maxBytes, CancellationToken cancellationToken) =>
        ReadAppCacheAsync(BlobReferencesPath(app), maxBytes, cancellationToken);

    /// <inheritdoc/>
    public Task WriteBlobReferencesAsync(string app, ReadOnlyMemory<byte> counts, CancellationToken cancellationToken) =>
        WriteAppCacheAsync(app, BlobReferencesPath(app), counts, cancellationToken);

    private Task WriteAppCacheAsync(string app, string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        CreateOwnerOnlyDirectory(AppDir(app));
        AtomicFile.Write(path, content.Span, AtomicFile.OwnerOnly, cancellationToken);
        return Task.CompletedTask;
    }

    private string BlobReferencesPath(string app) => Path.Combine(AppDir(app), "blob-references");

    private static Task<byte[]?> ReadAppCacheAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        // A cache, so anything odd is simply no cache: missing, a link, a fifo (whose open would block), a huge file.
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult<byte[]?>(RegularFile.ReadAllBytes(path, maxBytes));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult<byte[]?>(null);
        }
    }

    /// <inheritdoc/>
    public Task WriteReleaseIndexAsync(string app, ReadOnlyMemory<byte> index, CancellationToken cancellationToken) =>
        WriteAppCacheAsync(app, ReleaseIndexPath(app), index, cancellationToken);

    private string ReleaseIndexPath(string app) => Path.Combine(AppDir(app), "release-index.jsonl");

    // Larger than any manifest or publish record TwelveFactor writes (a manifest of two million files is about 250 MB).
    private const long MaxManifestBytes = 1L << 30;
    private const long MaxPublishRecordBytes = 1L << 20;

    // A store file that is a link, fifo, device or larger than any of its kind: put there by something else.
    private static ReleaseException Tampered(Exception ex, string target) =>
        new(ProblemId.StoreVerificationFailed, ex.Message, target, ex);

    /// <inheritdoc/>
    public Task<byte[]?> ReadManifestAsync(string app, string id, CancellationToken cancellationToken)
    {
        // Read synchronously, as TestManifestAsync reads: one local file, opened only when it is a regular file.
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult<byte[]?>(RegularFile.ReadAllBytes(ManifestPath(app, id), MaxManifestBytes));
        }
        catch (Exception ex) when (ex is NotRegularFileException or FileTooLargeException)
        {
            throw Tampered(ex, id);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<byte[]?>(null);
        }
    }

    /// <inheritdoc/>
    public Task<bool?> TestManifestAsync(string app, string id, ManifestTest test, CancellationToken cancellationToken)
    {
        // A synchronous read of one file into a pooled buffer: as an array of its own, a release's check of the
        // latest manifest (1.3 MB for 10,000 files) was a large-object allocation on every release, and those bring
        // full collections. A manifest is never rewritten once committed; one that is not the length it said when
        // opened (or too large for one buffer) is read the ordinary way, which gives what ReadManifestAsync gives.
        cancellationToken.ThrowIfCancellationRequested();
        SafeFileHandle handle;
        try
        {
            handle = RegularFile.OpenRead(ManifestPath(app, id));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<bool?>(null);
        }
        catch (NotRegularFileException ex)
        {
            throw Tampered(ex, id);
        }

        using (handle)
        {
            long length = RandomAccess.GetLength(handle);
            if (length <= MaxPooledManifestBytes)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
                try
                {
                    int read = HandleReads.Fill(handle, buffer.AsSpan(0, (int)length), 0);
                    if (read == length && HandleReads.EndsAt(handle, length))
                    {
                        return Task.FromResult<bool?>(test(buffer.AsSpan(0, read)));
                    }
                }
                finally
                {
                    // Cleared: a manifest's config may hold protected values.
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                }
            }
        }

        return TestReadManifestAsync(app, id, test, cancellationToken);
    }

    private async Task<bool?> TestReadManifestAsync(string app, string id, ManifestTest test, CancellationToken cancellationToken) =>
        await ReadManifestAsync(app, id, cancellationToken).ConfigureAwait(false) is { } bytes ? test(bytes) : null;

    /// <inheritdoc/>
    public async Task<bool> TryCommitManifestAsync(string app, string id, ReadOnlyMemory<byte> manifest, bool flushBlobs, CancellationToken cancellationToken)
    {
        string path = ManifestPath(app, id);
        CreateOwnerOnlyDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            return false;
        }

        // Where one syncfs flushes the blobs, it flushes the manifest's temp file with them: one wait for the disk
        // instead of two. The commit below still comes only after both are durable.
        bool oneFlush = flushBlobs && !FlushEachBlob;
        string temp = AtomicFile.WriteTemp(path, manifest.Span, AtomicFile.OwnerOnly, cancellationToken, flushToDisk: !oneFlush);
        try
        {
            if (oneFlush)
            {
                await FlushBlobsAsync(cancellationToken).ConfigureAwait(false);
            }

            // The commit point. No cancellation past here: the release is either whole or absent.
            return NativeFileSystem.TryPublishNoReplace(temp, path);
        }
        finally
        {
            AtomicFile.TryDelete(temp);
        }
    }

    /// <inheritdoc/>
    public Task DeleteManifestAsync(string app, string id, CancellationToken cancellationToken)
    {
        File.Delete(ManifestPath(app, id));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task WritePublishRecordAsync(string app, string destinationKey, ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
    {
        if (!Sha256Hex.IsValid(destinationKey))
        {
            throw new ArgumentException(CoreStrings.DestinationKeyNotSha256, nameof(destinationKey));
        }

        string dir = Path.Combine(AppDir(app), "published");
        CreateOwnerOnlyDirectory(dir);
        AtomicFile.Write(Path.Combine(dir, destinationKey + ".json"), record.Span, AtomicFile.OwnerOnly, cancellationToken);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<byte[]>> ReadPublishRecordsAsync(string app, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string dir = Path.Combine(AppDir(app), "published");
        var records = new List<byte[]>();
        if (Directory.Exists(dir))
        {
            foreach (string file in Directory.EnumerateFiles(dir, "*.json"))
            {
                if (Sha256Hex.IsValid(Path.GetFileNameWithoutExtension(file)))
                {
                    try
                    {
                        records.Add(RegularFile.ReadAllBytes(file, MaxPublishRecordBytes));
                    }
                    catch (Exception ex) when (ex is NotRegularFileException or FileTooLargeException)
                    {
                        throw Tampered(ex, app);
                    }
                    catch (FileNotFoundException)
                    {
                        // Removed since the listing (a destination's record goes when its last release does).
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<byte[]>>(records);
    }

    /// <inheritdoc/>
    public async Task<IAsyncDisposable> AcquireLockAsync(bool exclusive, CancellationToken cancellationToken)
    {
        // .NET takes flock(LOCK_SH) for a shared open and flock(LOCK_EX) for FileShare.None (share modes on
        // Windows), non-blocking; a conflict is an IOException, so wait and retry until cancelled.
        string path = Path.Combine(Root, "store.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, exclusive ? FileShare.None : FileShare.ReadWrite);
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(25, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public Task<int> DeleteTemporaryFilesAsync(CancellationToken cancellationToken)
    {
        int count = 0;
        foreach (string file in Directory.EnumerateFiles(Root, ".*.tmp-*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            cancellationToken.ThrowIfCancellationRequested();
            AtomicFile.TryDelete(file);
            count++;
        }

        return Task.FromResult(count);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private string NewBlobTemp(string finalPath)
    {
        // One mkdir per shard folder for the store's lifetime, not one per blob.
        string shard = Path.GetDirectoryName(finalPath)!;
        if (!_shards.ContainsKey(shard))
        {
            Directory.CreateDirectory(shard);
            _shards.TryAdd(shard, true);
        }

        return AtomicFile.TempPathFor(finalPath);
    }

    private static void CreateOwnerOnlyDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, FolderMode);
        }
    }

    private void Initialize()
    {
        string format = Path.Combine(Root, "format");
        if (Directory.Exists(Root) && !File.Exists(format)
            && Directory.EnumerateFileSystemEntries(Root).Any(e => !Path.GetFileName(e).StartsWith(".format.tmp-", StringComparison.Ordinal)))
        {
            throw new ReleaseException(ProblemId.StoreLocationInvalid, string.Format(CoreReleaseStrings.StoreNotAStore, Root), Root);
        }

        try
        {
            CreateOwnerOnlyDirectory(Root);
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(Root) & ~FolderMode) != 0)
            {
                // The store holds secrets: nobody but its owner may even list it.
                File.SetUnixFileMode(Root, FolderMode);
            }

            // The marker first: a crash after it leaves a store that opens; before it, an empty folder.
            if (!File.Exists(format))
            {
                if (OperatingSystem.IsWindows())
                {
                    WindowsOwnerOnlyAcl.Apply(Root);
                }

                AtomicFile.Write(format, Encoding.UTF8.GetBytes(FormatMarker + "\n"), AtomicFile.OwnerOnly, CancellationToken.None);
            }
            else if (!Encoding.UTF8.GetString(RegularFile.ReadAllBytes(format, 4096)).Split('\n')[0].Equals(FormatMarker, StringComparison.Ordinal))
            {
                throw new ReleaseException(ProblemId.StoreLocationInvalid, string.Format(CoreReleaseStrings.StoreNotAStore, Root), Root);
            }

            CreateOwnerOnlyDirectory(_objects);
            CreateOwnerOnlyDirectory(_apps);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ReleaseException(ProblemId.StoreUnavailable, string.Format(CoreReleaseStrings.StoreUnavailable, Root, ex.Message), Root, ex);
        }
    }

    /// <summary>
    /// True when the blob is there as a sealed regular file of <paramref name="size"/> bytes: what
    /// <see cref="BlobExistsAsync"/> answers without reading, in one statx and without a task. False means only "not
    /// known this way" (missing, damaged, unsealed, or no statx): the caller then asks <see cref="BlobExistsAsync"/>.
    /// </summary>
    internal bool IsSealedBlob(string sha256, long size) =>
        Sha256Hex.IsValid(sha256)
        && FileStamp.TryDescribe(BlobPath(sha256), out int rawMode, out FileStamp stamp)
        && (rawMode & FileStamp.TypeMask) == FileStamp.RegularType
        && stamp.Size == size
        && stamp.ModifiedNs == SealTimeNs;

    /// <summary>
    /// The stamp of every blob folder of the object tree. Adding, removing or renaming a blob changes its folder's
    /// modification and change times, so a folder whose stamp is unchanged still holds every blob it held: the
    /// release stat cache uses this to skip a check per unchanged file. Empty where statx is unavailable.
    /// </summary>
    internal BlobFolderStamps BlobFolderStamps()
    {
        var stamps = new BlobFolderStamps();
        if (!OperatingSystem.IsLinux() || !Directory.Exists(_objects))
        {
            return stamps;
        }

        foreach (string folder in Directory.EnumerateDirectories(_objects))
        {
            string name = Path.GetFileName(folder);
            if (name.Length == 2 && FileStamp.TryDescribe(folder, out int rawMode, out FileStamp stamp) && (rawMode & FileStamp.TypeMask) == FileStamp.DirectoryType)
            {
                stamps.TrySet(name, stamp);
            }
        }

        return stamps;
    }

    private string BlobPath(string sha256)
    {
        if (!Sha256Hex.IsValid(sha256))
        {
            throw new ArgumentException(CoreStrings.BlobNameNotSha256, nameof(sha256));
        }

        return Path.Combine(_objects, sha256[..2], sha256);
    }

    private string AppDir(string app)
    {
        ReleaseNames.ThrowIfInvalidApp(app);
        return Path.Combine(_apps, app);
    }

    private string ReleasesDir(string app) => Path.Combine(AppDir(app), "releases");

    private string ManifestPath(string app, string id)
    {
        ReleaseNames.ThrowIfInvalidId(id);
        return Path.Combine(ReleasesDir(app), id + ".json");
    }

    /// <summary>
    /// The admin-task audit trail's file, beside the releases so it travels with them. The store keeps its lines
    /// without knowing what they mean.
    /// </summary>
    public string AuditFile => Path.Combine(Root, "audit", "admin-tasks.jsonl");

    /// <inheritdoc/>
    public Task AppendAuditLineAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        new JsonLinesFile(AuditFile).AppendLine(line.Span);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<byte[]>> ReadAuditLinesAsync(CancellationToken cancellationToken)
    {
        var lines = new JsonLinesFile(AuditFile).LinesNewestFirst().ToList();
        lines.Reverse();
        return Task.FromResult<IReadOnlyList<byte[]>>(lines);
    }
}

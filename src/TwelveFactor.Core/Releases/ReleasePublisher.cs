using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Resources;
using TwelveFactor.Core.Releases.Stores;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases;

/// <summary>
/// Lays a release out at <c>&lt;dest&gt;/releases/&lt;id&gt;/</c> and switches <c>&lt;dest&gt;/current</c> to it.
/// The folder is built under a temp name and renamed into place, and <c>current</c> is replaced by renaming a
/// new symlink over it, so a running app sees the old release or the new one, never a mix.
/// </summary>
internal sealed class ReleasePublisher
{
    /// <summary>The name of the env file written into each published release.</summary>
    internal const string EnvFileName = ".env";

    private readonly IReleaseStore _store;
    private readonly int _parallelism;
    private readonly ProgressReporter _progress;
    private int _linked;
    private int _copied;
    private long _bytesCopied;
    private volatile bool _linksSupported = true;
    private volatile bool _reflinksSupported = OperatingSystem.IsLinux();

    /// <param name="copyFiles">Copy every file instead of hard-linking it to the store, so nothing the deployed
    /// app does to its files can reach the store's content.</param>
    internal ReleasePublisher(IReleaseStore store, int parallelism, IProgress<ReleaseProgress>? progress, bool copyFiles = false)
    {
        _store = store;
        _linksSupported = !copyFiles;
        _parallelism = Math.Max(1, parallelism);
        _progress = new ProgressReporter(progress, ReleaseOperation.Publishing);
    }

    internal int FilesLinked => _linked;

    internal int FilesCopied => _copied;

    internal long BytesCopied => Interlocked.Read(ref _bytesCopied);

    /// <summary>Where <c>current</c> points now, as a release id; null when there is no <c>current</c> yet.</summary>
    internal static string? ReadCurrent(string destination)
    {
        string current = Path.Combine(destination, "current");
        var info = new FileInfo(current);
        string? target = info.LinkTarget;
        if (target is null)
        {
            if (File.Exists(current) || Directory.Exists(current))
            {
                throw new ReleaseException(ProblemId.DestinationNotSwitchable, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.DestinationNotSwitchable, current), current);
            }

            return null;
        }

        return Path.GetFileName(target.TrimEnd('/', '\\'));
    }

    /// <summary>
    /// Lays out (unless an intact copy is already there) and switches. Returns the release folder and whether
    /// an intact copy existed. A destination is written by others too: a symlinked <c>releases</c> or
    /// <c>releases/&lt;id&gt;</c>, or one another user owns, is refused before anything is created, and an
    /// existing release folder is checked file by file against the manifest and rebuilt when it differs.
    /// </summary>
    internal async Task<(string ReleasePath, bool AlreadyLaidOut)> PublishAsync(
        ReleaseManifest manifest, IReadOnlyList<KeyValuePair<string, string>> config, string destination, CancellationToken cancellationToken)
    {
        string id = manifest.Release.Id;
        string releases = Path.Combine(destination, "releases");
        string releasePath = Path.Combine(releases, id);
        RefuseUnsafe(releases, expectMissingOk: true);
        RefuseUnsafe(releasePath, expectMissingOk: true);
        Directory.CreateDirectory(releases);
        RefuseUnsafe(releases, expectMissingOk: false);

        byte[] envBytes = FormatEnvFile(config);
        try
        {
            bool exists = UnixFileOwner.KindOf(releasePath) == UnixFileOwner.EntryKind.Directory;
            bool already = exists && await IsIntactAsync(manifest, envBytes, releasePath, cancellationToken).ConfigureAwait(false);
            if (!already)
            {
                await LayOutFreshAsync(manifest, envBytes, releases, releasePath, replace: exists, cancellationToken).ConfigureAwait(false);
            }

            SwitchCurrent(destination, id);
            _progress.Complete();
            return (releasePath, already);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(envBytes);
        }
    }

    private async Task LayOutFreshAsync(ReleaseManifest manifest, byte[] envBytes, string releases, string releasePath, bool replace, CancellationToken cancellationToken)
    {
        string id = manifest.Release.Id;
        string staging = Path.Combine(releases, "." + id + ".tmp-" + AtomicFile.RandomSuffix());
        try
        {
            await LayOutAsync(manifest, staging, cancellationToken).ConfigureAwait(false);
            AtomicFile.Write(Path.Combine(staging, EnvFileName), envBytes, AtomicFile.OwnerOnly, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            OpenUp(staging);
            if (replace)
            {
                // A damaged or altered copy: swap the fresh one in (atomically where Linux allows, so an app
                // running from it never sees the name missing) and delete the old.
                if (!NativeFileSystem.TryExchange(staging, releasePath))
                {
                    string stale = Path.Combine(releases, "." + id + ".stale-" + AtomicFile.RandomSuffix());
                    Directory.Move(releasePath, stale);
                    Directory.Move(staging, releasePath);
                    DeleteTree(stale);
                }

                return;
            }

            try
            {
                Directory.Move(staging, releasePath);
            }
            catch (IOException) when (Directory.Exists(releasePath))
            {
                // Another publisher laid the same immutable release out first; theirs is checked next time.
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                DeleteTree(staging);
            }
        }
    }

    /// <summary>
    /// Lays the release's files out at <paramref name="folder"/> (which must not exist) as copies, owner-only and
    /// without a config file: a working copy for one run of a task.
    /// </summary>
    internal async Task LayOutWorkingCopyAsync(ReleaseManifest manifest, string folder, CancellationToken cancellationToken)
    {
        await LayOutAsync(manifest, folder, cancellationToken).ConfigureAwait(false);
        _progress.Complete();
    }

    /// <summary>Removes a working copy, making read-only folders writable first so nothing is left behind.</summary>
    internal static void RemoveWorkingCopy(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            foreach (string directory in Directory.EnumerateDirectories(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true }))
            {
                try
                {
                    File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        DeleteTree(folder);
    }

    // The staging folder is owner-only while it is filled, so no one reaches a file before its folder's recorded
    // mode is in place; the release folder itself gets the usual 0755 at the end.
    private static void OpenUp(string staging)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(staging, (UnixFileMode)0b111_101_101);
        }
    }

    private static void RefuseUnsafe(string path, bool expectMissingOk)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        bool known = UnixFileOwner.TryGet(path, out uint uid, out _, out UnixFileOwner.EntryKind kind, out _);
        if (!known)
        {
            kind = UnixFileOwner.KindOf(path);
        }

        if (kind == UnixFileOwner.EntryKind.Missing && expectMissingOk)
        {
            return;
        }

        uint me = UnixFileOwner.EffectiveUserId;
        if (kind != UnixFileOwner.EntryKind.Directory || (known && uid != me && uid != 0))
        {
            throw new ReleaseException(
                ProblemId.DestinationUnsafe,
                string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.DestinationUnsafe, path),
                path);
        }
    }

    /// <summary>
    /// True when <paramref name="releasePath"/> holds exactly the release: the same names, kinds, link targets,
    /// sizes and content digests, no setuid or wider modes, no extra entry, and the same config file.
    /// </summary>
    private async Task<bool> IsIntactAsync(ReleaseManifest manifest, byte[] envBytes, string releasePath, CancellationToken cancellationToken)
    {
        var expected = new Dictionary<string, ReleaseFileEntry>(StringComparer.Ordinal);
        var folders = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (ReleaseFileEntry entry in manifest.Files)
        {
            expected[entry.Path] = entry;
            for (int slash = entry.Path.IndexOf('/'); slash > 0; slash = entry.Path.IndexOf('/', slash + 1))
            {
                folders.TryAdd(entry.Path[..slash], -1);
            }
        }

        foreach (ReleaseDirectoryEntry directory in manifest.Directories)
        {
            folders[directory.Path] = BuildPathRules.PermissionsOf(directory.Mode);
        }

        var files = new List<(string FullPath, ReleaseFileEntry Entry)>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        int seen = 0;
        foreach (string full in Directory.EnumerateFileSystemEntries(releasePath, "*", options))
        {
            string relative = Path.GetRelativePath(releasePath, full).Replace('\\', '/');
            UnixFileOwner.EntryKind kind = UnixFileOwner.KindOf(full);
            int mode = OperatingSystem.IsWindows() ? 0 : (kind == UnixFileOwner.EntryKind.SymbolicLink ? 0 : (int)File.GetUnixFileMode(full));
            if (relative == EnvFileName && kind == UnixFileOwner.EntryKind.File)
            {
                if ((mode & 0x1FF & ~0x180) != 0 || !(await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false)).AsSpan().SequenceEqual(envBytes))
                {
                    return false;
                }

                continue;
            }

            if ((mode & ~BuildPathRules.PermissionBits) != 0)
            {
                return false;
            }

            if (folders.TryGetValue(relative, out int folderMode))
            {
                if (kind != UnixFileOwner.EntryKind.Directory || (folderMode >= 0 && mode != folderMode))
                {
                    return false;
                }

                continue;
            }

            if (!expected.TryGetValue(relative, out ReleaseFileEntry? entry))
            {
                return false;
            }

            seen++;
            if (entry.LinkTarget is { } target)
            {
                if (kind != UnixFileOwner.EntryKind.SymbolicLink
                    || !string.Equals(new FileInfo(full).LinkTarget?.Replace('\\', '/'), target, StringComparison.Ordinal))
                {
                    return false;
                }

                continue;
            }

            int allowed = BuildPathRules.PermissionsOf(entry.Mode) | (IsWorldReadable(entry) ? 0b100_100_100 : 0);
            if (kind != UnixFileOwner.EntryKind.File || new FileInfo(full).Length != entry.Size || (mode & ~allowed) != 0)
            {
                return false;
            }

            files.Add((full, entry));
        }

        if (seen != manifest.Files.Count)
        {
            return false;
        }

        bool intact = true;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(files, parallel, async (file, ct) =>
        {
            if (!Volatile.Read(ref intact))
            {
                return;
            }

            // What stands there now may have been swapped for a fifo or a link: not intact, and never waited on.
            SafeFileHandle handle;
            try
            {
                handle = RegularFile.OpenRead(file.FullPath);
            }
            catch (NotRegularFileException)
            {
                Volatile.Write(ref intact, false);
                return;
            }

            await using var stream = new FileStream(handle, FileAccess.Read, 1 << 16);
            byte[] digest = await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false);
            if (!string.Equals(Sha256Hex.Format(digest), file.Entry.Sha256, StringComparison.Ordinal))
            {
                Volatile.Write(ref intact, false);
            }
        }).ConfigureAwait(false);
        return intact;
    }

    private static bool IsWorldReadable(ReleaseFileEntry entry) => (entry.Mode & 0b000_000_100) != 0;

    private static void SwitchCurrent(string destination, string id)
    {
        string current = Path.Combine(destination, "current");
        string temp = Path.Combine(destination, ".current.tmp-" + AtomicFile.RandomSuffix());
        string target = "releases" + Path.DirectorySeparatorChar + id;
        try
        {
            if (OperatingSystem.IsWindows())
            {
                // A junction, retargeted in place (see WindowsJunction). A symbolic link left by an earlier
                // version cannot be retargeted that way: it is removed and a junction made, the one switch that
                // leaves a moment without 'current'. (ReadCurrent has already refused a real folder there.)
                string release = Path.Combine(destination, "releases", id);
                if (!WindowsJunction.TryPoint(current, release, temp))
                {
                    Directory.Delete(current);
                    WindowsJunction.TryPoint(current, release, temp);
                }
            }
            else
            {
                File.CreateSymbolicLink(temp, target);
                NativeFileSystem.RenameReplace(temp, current);
            }
        }
        finally
        {
            AtomicFile.TryDelete(temp);
        }
    }

    private static void DeleteTree(string path)
    {
        try
        {
            // Hard-linked files are read-only; deleting a name never changes the store's blob.
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // The same safest-form quoting Set-TfConfig writes, so the file reads back identically in every reader.
    private static string FormatEnvLine(string name, string value) => name + "=" + Config.EnvValueWriter.Format(value) + "\n";

    // The release's config as an env file. It is written owner-only and by rename, so a build's own .env (a hard
    // link into the store) is replaced as a name and the stored blob is never written through.
    private static byte[] FormatEnvFile(IReadOnlyList<KeyValuePair<string, string>> config)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in config)
        {
            text.Append(FormatEnvLine(name, value));
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private async Task LayOutAsync(ReleaseManifest manifest, string root, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(root);
        }
        else
        {
            Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var directories = new HashSet<string>(StringComparer.Ordinal);
        foreach (ReleaseDirectoryEntry directory in manifest.Directories)
        {
            Directory.CreateDirectory(Path.Combine(root, directory.Path));
        }

        foreach (ReleaseFileEntry entry in manifest.Files)
        {
            int slash = entry.Path.LastIndexOf('/');
            if (slash > 0 && directories.Add(entry.Path[..slash]))
            {
                Directory.CreateDirectory(Path.Combine(root, entry.Path[..slash]));
            }
        }

        _progress.SetTotals(manifest.Files.Count, manifest.Release.Size);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(manifest.Files, parallel, async (entry, ct) =>
        {
            // Paths were checked on the way in; check again so a tampered manifest cannot write outside.
            string relative = BuildPathRules.NormalizeEntry(entry.Path) ?? throw new InvalidDataException(entry.Path);
            string target = Path.Combine(root, relative);
            if (entry.LinkTarget is not null)
            {
                BuildPathRules.ValidateLinkTarget(relative, entry.LinkTarget);
                File.CreateSymbolicLink(target, entry.LinkTarget.Replace('/', Path.DirectorySeparatorChar));
            }
            else
            {
                await PlaceFileAsync(entry, target, ct).ConfigureAwait(false);
            }

            _progress.Advance(entry.Size, entry.Path);
        }).ConfigureAwait(false);

        // Recorded folder modes last and deepest first, so a read-only folder does not stop its own files being
        // placed; the staging root is still owner-only, so no one reaches a file before its folder is closed.
        if (!OperatingSystem.IsWindows())
        {
            foreach (ReleaseDirectoryEntry directory in manifest.Directories.OrderByDescending(d => d.Path.Length))
            {
                File.SetUnixFileMode(Path.Combine(root, directory.Path), (UnixFileMode)BuildPathRules.PermissionsOf(directory.Mode));
            }
        }
    }

    private async Task PlaceFileAsync(ReleaseFileEntry entry, string target, CancellationToken cancellationToken)
    {
        string sha = entry.Sha256 ?? throw new InvalidDataException(entry.Path);
        string? blob = _store.GetBlobPath(sha);

        // A reflink where the file system has them: as fast as a link, yet the deployed file is its own, so a write
        // to it cannot reach the store, and it gets the build's own mode. (The blob was verified before publish.)
        if (blob is not null && _reflinksSupported && _linksSupported && !OperatingSystem.IsWindows())
        {
            if (NativeFileSystem.TryClone(blob, target, (UnixFileMode)BuildPathRules.PermissionsOf(entry.Mode) | UnixFileMode.UserWrite))
            {
                File.SetUnixFileMode(target, (UnixFileMode)BuildPathRules.PermissionsOf(entry.Mode));
                Interlocked.Increment(ref _linked);
                return;
            }

            _reflinksSupported = false;
        }

        // Executables are copied: a hard link shares the blob's read-only, non-executable mode. So are files that
        // are not world-readable: the blob is 0444, and a link would publish a 0600 key to every user.
        if (blob is not null && _linksSupported && !entry.IsExecutable && IsWorldReadable(entry))
        {
            var info = new FileInfo(blob);
            if (!info.Exists || info.Length != entry.Size)
            {
                throw new ReleaseException(ProblemId.StoreVerificationFailed, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.BlobCorrupt, sha, entry.Path), entry.Path);
            }

            switch (NativeFileSystem.TryHardLink(blob, target))
            {
                case NativeFileSystem.LinkResult.Linked:
                    Interlocked.Increment(ref _linked);
                    return;
                case NativeFileSystem.LinkResult.NotSupported:
                    _linksSupported = false;
                    break;
                case NativeFileSystem.LinkResult.TooManyLinks:
                    // Common content (an empty file) can reach the link limit; copy just this one.
                    break;
                default:
                    throw new IOException(string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.PublishTargetExists, target));
            }
        }

        await CopyBlobAsync(entry, sha, target, cancellationToken).ConfigureAwait(false);
    }

    private async Task CopyBlobAsync(ReleaseFileEntry entry, string sha, string target, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = (UnixFileMode)BuildPathRules.PermissionsOf(entry.Mode) & ~(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (Stream source = await _store.OpenBlobAsync(sha, cancellationToken).ConfigureAwait(false))
        await using (var output = new FileStream(target, options))
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    Interlocked.Add(ref _bytesCopied, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        if (!string.Equals(Sha256Hex.Format(hash.GetHashAndReset()), sha, StringComparison.Ordinal))
        {
            throw new ReleaseException(ProblemId.StoreVerificationFailed, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.BlobCorrupt, sha, entry.Path), entry.Path);
        }

        if (!OperatingSystem.IsWindows())
        {
            // The umask may have cleared bits the build had. Never setuid, setgid or sticky: a build's program must
            // not run as the root who publishes it.
            File.SetUnixFileMode(target, (UnixFileMode)BuildPathRules.PermissionsOf(entry.Mode));
        }

        Interlocked.Increment(ref _copied);
    }
}

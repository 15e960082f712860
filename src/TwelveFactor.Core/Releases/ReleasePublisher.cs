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
using TwelveFactor.Core.IO;
using TwelveFactor.Core.Resources;
using TwelveFactor.Core.Storage;

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
                throw new ReleaseException(ReleaseErrorKind.DestinationNotSwitchable, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.DestinationNotSwitchable, current), current);
            }

            return null;
        }

        return Path.GetFileName(target.TrimEnd('/', '\\'));
    }

    /// <summary>Lays out (unless already there) and switches. Returns the release folder and whether it existed.</summary>
    internal async Task<(string ReleasePath, bool AlreadyLaidOut)> PublishAsync(
        ReleaseManifest manifest, IReadOnlyList<KeyValuePair<string, string>> config, string destination, CancellationToken cancellationToken)
    {
        string id = manifest.Release.Id;
        string releases = Path.Combine(destination, "releases");
        string releasePath = Path.Combine(releases, id);
        Directory.CreateDirectory(releases);

        bool already = Directory.Exists(releasePath);
        if (!already)
        {
            string staging = Path.Combine(releases, "." + id + ".tmp-" + AtomicFile.RandomSuffix());
            try
            {
                await LayOutAsync(manifest, staging, cancellationToken).ConfigureAwait(false);
                await WriteEnvFileAsync(Path.Combine(staging, EnvFileName), config, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    Directory.Move(staging, releasePath);
                }
                catch (IOException) when (Directory.Exists(releasePath))
                {
                    // Another publisher laid the same immutable release out first; theirs is as good as ours.
                    already = true;
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

        SwitchCurrent(destination, id);
        _progress.Complete();
        return (releasePath, already);
    }

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

    private static async Task WriteEnvFileAsync(string path, IReadOnlyList<KeyValuePair<string, string>> config, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in config)
        {
            text.Append(FormatEnvLine(name, value));
        }

        // Owner-only: it holds secrets. Written by rename, so a build's own .env (a hard link into the store)
        // is replaced as a name and the stored blob is never written through.
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        try
        {
            await AtomicFile.WriteAsync(path, bytes, AtomicFile.OwnerOnly, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private async Task LayOutAsync(ReleaseManifest manifest, string root, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var directories = new HashSet<string>(StringComparer.Ordinal);
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
    }

    private async Task PlaceFileAsync(ReleaseFileEntry entry, string target, CancellationToken cancellationToken)
    {
        string sha = entry.Sha256 ?? throw new InvalidDataException(entry.Path);
        string? blob = _store.GetBlobPath(sha);

        // Executables are copied: a hard link shares the blob's read-only, non-executable mode.
        if (blob is not null && _linksSupported && !entry.IsExecutable)
        {
            var info = new FileInfo(blob);
            if (!info.Exists || info.Length != entry.Size)
            {
                throw new ReleaseException(ReleaseErrorKind.StoreVerificationFailed, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.BlobCorrupt, sha, entry.Path), entry.Path);
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
            options.UnixCreateMode = (UnixFileMode)(entry.Mode & 0x1FF);
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
            throw new ReleaseException(ReleaseErrorKind.StoreVerificationFailed, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.BlobCorrupt, sha, entry.Path), entry.Path);
        }

        if (!OperatingSystem.IsWindows())
        {
            // The umask may have cleared bits the build had.
            File.SetUnixFileMode(target, (UnixFileMode)(entry.Mode & 0xFFF));
        }

        Interlocked.Increment(ref _copied);
    }
}

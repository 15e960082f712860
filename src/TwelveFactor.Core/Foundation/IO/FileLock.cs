using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

using TwelveFactor.Core.Resources;
namespace TwelveFactor.Core.Foundation.IO;

/// <summary>
/// An exclusive, cross-process lock for editing one file (read, change, write back) without losing another
/// process's update. The lock is an OS file lock (flock on Unix, a share-none handle on Windows), so the OS
/// releases it when the process dies, on a lock file named by a hash of the edited file's real path (symlinks
/// resolved, so writers through a link and through the real path queue on the same lock).
/// <para>
/// The lock files live in a folder of the current user's own (<c>$TMPDIR/twelvefactor-locks-&lt;uid&gt;</c>, 0700):
/// a shared folder would be created by the first user and refuse every other, and another user could plant a
/// lock to stall edits. A lock file is deleted when its holder is done, and a waiter that locked a file already
/// deleted starts over, so lock files never pile up.
/// </para>
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _lockPath;

    private FileLock(FileStream stream, string lockPath)
    {
        _stream = stream;
        _lockPath = lockPath;
    }

    /// <summary>The folder holding this user's lock files.</summary>
    public static string LockFolder =>
        Path.Combine(Path.GetTempPath(), OperatingSystem.IsWindows() ? "twelvefactor-locks" : "twelvefactor-locks-" + UnixFileOwner.EffectiveUserId);

    /// <summary>Waits for the lock on <paramref name="path"/> up to <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">Another process held the lock for the whole timeout.</exception>
    /// <exception cref="UnauthorizedAccessException">The lock folder is not this user's own (someone else made it, or made it a link).</exception>
    public static FileLock Acquire(string path, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        string folder = LockFolder;
        EnsurePrivateFolder(folder);
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(AtomicFile.ResolveFinalTarget(Path.GetFullPath(path)))))[..32];
        string lockPath = Path.Combine(folder, key + ".lock");
        var deadline = DateTime.UtcNow + timeout;
        int delay = 1;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FileStream? stream = null;
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                stream = new FileStream(lockPath, options);

                // The previous holder deletes the file as it lets go; a lock on that deleted file locks nothing
                // that the next waiter (who creates a new file) would see. Start over until the locked file is
                // the one the name points at.
                if (!OperatingSystem.IsWindows() && !IsSameFile(stream, lockPath))
                {
                    stream.Dispose();
                    continue;
                }

                return new FileLock(stream, lockPath);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                stream?.Dispose();
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 50);
            }
            catch (IOException ex)
            {
                stream?.Dispose();
                throw new TimeoutException(string.Format(System.Globalization.CultureInfo.CurrentCulture, CoreStrings.FileLockTimedOut, path, timeout.TotalSeconds), ex);
            }
        }
    }

    public void Dispose()
    {
        // Delete while still holding the lock, so no waiter can lock this name between delete and release.
        if (!OperatingSystem.IsWindows())
        {
            AtomicFile.TryDelete(_lockPath);
        }

        _stream.Dispose();
        if (OperatingSystem.IsWindows())
        {
            AtomicFile.TryDelete(_lockPath);
        }
    }

    private static void EnsurePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        if (!Directory.Exists(folder))
        {
            try
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                // Made by a parallel process of ours a moment ago.
            }
        }

        // Someone else's folder (or a link to one) could hold planted locks: refuse rather than trust it.
        if (!UnixFileOwner.TryGet(folder, out uint owner, out _, out UnixFileOwner.EntryKind kind, out _)
            ? UnixFileOwner.KindOf(folder) != UnixFileOwner.EntryKind.Directory
            : kind != UnixFileOwner.EntryKind.Directory || owner != UnixFileOwner.EffectiveUserId)
        {
            throw new UnauthorizedAccessException(string.Format(System.Globalization.CultureInfo.CurrentCulture, Resources.CoreStrings.LockFolderNotOwn, folder));
        }
    }

    private static bool IsSameFile(FileStream stream, string path)
    {
        if (!FileIdentity.TryGet(stream, out ulong openDevice, out ulong openInode))
        {
            return true;
        }

        return Foundation.IO.FileStamp.TryGet(path, out Foundation.IO.FileStamp named) && named.Inode == openInode && named.Device == openDevice;
    }
}

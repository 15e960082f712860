using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

using TwelveFactor.Core.Resources;
namespace TwelveFactor.Core.Releases.Stores;

/// <summary>
/// The few file system calls .NET does not expose: hard links, a create-if-absent that cannot race (link(2)
/// fails with EEXIST atomically, unlike a check followed by a move), a rename that replaces a symlink, and
/// syncfs so one call makes a whole release's blobs durable instead of one fsync per file, with the write-out
/// of each blob started as it is written.
/// </summary>
internal static class NativeFileSystem
{
    private const int EEXIST = 17;
    private const int EXDEV = 18;
    private const int EPERM = 1;
    private const int EMLINK = 31;
    private const int ENOTSUP = 95;
    private const uint SyncFileRangeWrite = 2;
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;
    private const ulong Ficlone = 0x40049409;
    private const int ERROR_ALREADY_EXISTS = 183;
    private const int ERROR_FILE_EXISTS = 80;
    private const int ERROR_NOT_SAME_DEVICE = 17;
    private const int ERROR_TOO_MANY_LINKS = 1142;

    /// <summary>How a hard link attempt ended.</summary>
    internal enum LinkResult
    {
        Linked,
        AlreadyExists,
        NotSupported,

        /// <summary>This file has reached the file system's link limit; others may still be linked.</summary>
        TooManyLinks,
    }

    /// <summary>Creates <paramref name="linkPath"/> as a new name for <paramref name="existingPath"/>.</summary>
    internal static LinkResult TryHardLink(string existingPath, string linkPath)
    {
        if (OperatingSystem.IsWindows())
        {
            if (CreateHardLinkW(linkPath, existingPath, IntPtr.Zero))
            {
                return LinkResult.Linked;
            }

            int error = Marshal.GetLastPInvokeError();
            return error switch
            {
                ERROR_ALREADY_EXISTS or ERROR_FILE_EXISTS => LinkResult.AlreadyExists,
                ERROR_TOO_MANY_LINKS => LinkResult.TooManyLinks,
                ERROR_NOT_SAME_DEVICE or 1 /* invalid function: FAT */ => LinkResult.NotSupported,
                _ => throw new IOException(new Win32Exception(error).Message, error),
            };
        }

        if (link(existingPath, linkPath) == 0)
        {
            return LinkResult.Linked;
        }

        int errno = Marshal.GetLastPInvokeError();
        return errno switch
        {
            EEXIST => LinkResult.AlreadyExists,
            EMLINK => LinkResult.TooManyLinks,
            EXDEV or EPERM or ENOTSUP => LinkResult.NotSupported,
            _ => throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno),
        };
    }

    /// <summary>
    /// Gives the complete file <paramref name="tempPath"/> the name <paramref name="finalPath"/> only when that
    /// name is free, in one atomic step. Returns false when it is taken. The temp file is left for the caller.
    /// </summary>
    internal static bool TryPublishNoReplace(string tempPath, string finalPath)
    {
        if (OperatingSystem.IsWindows())
        {
            // MoveFileEx without MOVEFILE_REPLACE_EXISTING fails atomically when the target exists.
            try
            {
                File.Move(tempPath, finalPath, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(finalPath))
            {
                return false;
            }
        }

        return TryHardLink(tempPath, finalPath) switch
        {
            LinkResult.Linked => true,
            LinkResult.AlreadyExists => false,
            _ => throw new IOException(CoreStrings.HardLinksUnsupported),
        };
    }

    /// <summary>Renames over an existing name atomically; works for symlinks, which File.Move refuses.</summary>
    internal static void RenameReplace(string sourcePath, string destinationPath)
    {
        if (OperatingSystem.IsWindows())
        {
            if (!MoveFileExW(sourcePath, destinationPath, 0x1 /* REPLACE_EXISTING */))
            {
                int error = Marshal.GetLastPInvokeError();
                throw new IOException(new Win32Exception(error).Message, error);
            }

            return;
        }

        if (rename(sourcePath, destinationPath) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
        }
    }

    /// <summary>
    /// Makes <paramref name="targetPath"/> a reflink copy of <paramref name="sourcePath"/> (Linux FICLONE: btrfs, XFS,
    /// bcachefs): as fast as a hard link, but its own file, so a write to it never reaches the source. False,
    /// with no target left behind, where the file system cannot (ext4, tmpfs, another file system).
    /// </summary>
    internal static bool TryClone(string sourcePath, string targetPath, UnixFileMode mode)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        bool cloned = false;
        try
        {
            using SafeFileHandle source = File.OpenHandle(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var target = new FileStream(targetPath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode });
            bool addedSource = false, addedTarget = false;
            try
            {
                source.DangerousAddRef(ref addedSource);
                target.SafeFileHandle.DangerousAddRef(ref addedTarget);
                cloned = ioctl((int)target.SafeFileHandle.DangerousGetHandle(), Ficlone, (int)source.DangerousGetHandle()) == 0;
            }
            finally
            {
                if (addedTarget)
                {
                    target.SafeFileHandle.DangerousRelease();
                }

                if (addedSource)
                {
                    source.DangerousRelease();
                }
            }
        }
        catch (EntryPointNotFoundException)
        {
        }
        finally
        {
            if (!cloned)
            {
                Foundation.IO.AtomicFile.TryDelete(targetPath);
            }
        }

        return cloned;
    }

    /// <summary>
    /// Swaps two names in one atomic step (Linux renameat2 RENAME_EXCHANGE), so a folder that is in use is
    /// replaced without a moment where its name is missing. False where the call is unavailable.
    /// </summary>
    internal static bool TryExchange(string first, string second)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return renameat2(AtFdCwd, first, AtFdCwd, second, RenameExchange) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Flushes the whole file system holding <paramref name="handle"/> (Linux); false when unavailable.</summary>
    internal static bool TrySyncFileSystem(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return syncfs((int)handle.DangerousGetHandle()) == 0;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Starts writing a file's dirty pages to disk without waiting for them (Linux; elsewhere nothing), so the
    /// disk works while the release goes on and the one syncfs at the end waits only for the tail. This is
    /// git's batch fsync mode (core.fsyncMethod=batch): write-out per file, one flush for the lot.
    /// </summary>
    internal static void StartWriteback(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);

            // Best effort: durability comes from the syncfs at flush time, whatever this returns.
            _ = sync_file_range((int)handle.DangerousGetHandle(), 0, 0, SyncFileRangeWrite);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);

    [DllImport("libc", SetLastError = true)]
    private static extern int rename([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);

    [DllImport("libc", SetLastError = true)]
    private static extern int syncfs(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, ulong request, int argument);

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(int oldDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int sync_file_range(int fd, long offset, long nbytes, uint flags);

    [DllImport("kernel32", SetLastError = true, CharSet = CharSet.Unicode)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool CreateHardLinkW(string fileName, string existingFileName, IntPtr securityAttributes);

    [DllImport("kernel32", SetLastError = true, CharSet = CharSet.Unicode)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool MoveFileExW(string existingFileName, string newFileName, int flags);
}

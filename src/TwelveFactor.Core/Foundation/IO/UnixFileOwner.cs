using System;
using System.IO;
using System.Runtime.InteropServices;

namespace TwelveFactor.Core.Foundation.IO;

/// <summary>
/// Owner, group and type of a file on Linux and macOS, and the calls that keep them: .NET reads and sets modes
/// but not owners. Deploy hosts run these cmdlets as root over files other users own, so a rewrite must hand a
/// file back to its owner, and a folder someone else owns must not be trusted to hold a release.
/// </summary>
internal static class UnixFileOwner
{
    private const int TypeMask = 0xF000;

    /// <summary>The kind of a file system entry, as lstat or stat sees it.</summary>
    internal enum EntryKind
    {
        Missing,
        File,
        Directory,
        SymbolicLink,
        Other,
    }

    /// <summary>The effective user id of this process; 0 on Windows.</summary>
    internal static uint EffectiveUserId => OperatingSystem.IsWindows() ? 0 : geteuid();

    /// <summary>True when this process runs as root (Unix) or is on Windows, where owners are access lists.</summary>
    internal static bool IsRoot => EffectiveUserId == 0;

    /// <summary>Reads owner, group, kind and permission bits of <paramref name="path"/>, not following a final symlink.</summary>
    internal static bool TryGet(string path, out uint uid, out uint gid, out EntryKind kind, out int mode) =>
        TryStat(path, followLinks: false, out uid, out gid, out kind, out mode);

    /// <summary>As <see cref="TryGet"/>, following symlinks.</summary>
    internal static bool TryGetFollowing(string path, out uint uid, out uint gid, out EntryKind kind, out int mode) =>
        TryStat(path, followLinks: true, out uid, out gid, out kind, out mode);

    /// <summary>The kind of <paramref name="path"/> without following a final symlink (works on every OS).</summary>
    internal static EntryKind KindOf(string path)
    {
        if (!OperatingSystem.IsWindows() && TryGet(path, out _, out _, out EntryKind kind, out _))
        {
            return kind;
        }

        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return EntryKind.SymbolicLink;
        }

        return Directory.Exists(path) ? EntryKind.Directory : File.Exists(path) ? EntryKind.File : EntryKind.Missing;
    }

    /// <summary>Gives <paramref name="path"/> (a file this process just created) the owner and group given.</summary>
    /// <exception cref="UnauthorizedAccessException">The process may not give the file away (not root, not the owner's group).</exception>
    internal static void Set(string path, uint uid, uint gid)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (chown(path, uid, gid) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new UnauthorizedAccessException(Marshal.GetPInvokeErrorMessage(errno));
        }
    }

    private static bool TryStat(string path, bool followLinks, out uint uid, out uint gid, out EntryKind kind, out int mode)
    {
        uid = 0;
        gid = 0;
        mode = 0;
        kind = EntryKind.Missing;
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        if (!OperatingSystem.IsLinux())
        {
            // macOS: .NET's own lstat-based view; owners are not needed there by any caller that cannot fall back.
            kind = KindFromInfo(path);
            return false;
        }

        if (!Statx.TryRead(path, followLinks, Statx.Type | Statx.Mode | Statx.Uid | Statx.Gid, out Statx.Result result))
        {
            return false;
        }

        uid = result.Uid;
        gid = result.Gid;
        mode = result.RawMode & 0xFFF;
        kind = (result.RawMode & TypeMask) switch
        {
            0x8000 => EntryKind.File,
            0x4000 => EntryKind.Directory,
            0xA000 => EntryKind.SymbolicLink,
            _ => EntryKind.Other,
        };
        return true;
    }

    private static EntryKind KindFromInfo(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return EntryKind.SymbolicLink;
        }

        return Directory.Exists(path) ? EntryKind.Directory : File.Exists(path) ? EntryKind.File : EntryKind.Missing;
    }

    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    private static extern int chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
}

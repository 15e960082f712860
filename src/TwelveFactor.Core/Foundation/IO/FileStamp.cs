using System;

namespace TwelveFactor.Core.Foundation.IO;

/// <summary>
/// What identifies a file's content without reading it, as git's index does: device, inode, size, and the
/// modification and change times to the nanosecond. The change time cannot be set by tools (tar, rsync, touch),
/// so a file rewritten with the same size and a restored mtime still gets a new stamp. Linux only, through
/// statx(2), whose struct is the same on every architecture.
/// </summary>
internal readonly record struct FileStamp(ulong Device, ulong Inode, long Size, long ModifiedNs, long ChangedNs)
{
    /// <summary>The file's stamp; false when statx is unavailable or the file cannot be stat'ed.</summary>
    internal static bool TryGet(string path, out FileStamp stamp) => TryGet(path, out stamp, out _);

    /// <summary>The file's stamp and whether it is a regular file (not a fifo, socket or device).</summary>
    internal static bool TryGet(string path, out FileStamp stamp, out bool isRegularFile)
    {
        bool stamped = TryDescribe(path, out int rawMode, out stamp);
        isRegularFile = !stamped || (rawMode & TypeMask) == RegularType;
        return stamped;
    }

    /// <summary>The bits of a raw mode that tell the file's type.</summary>
    internal const int TypeMask = 0xF000;

    /// <summary>A regular file's type bits.</summary>
    internal const int RegularType = 0x8000;

    /// <summary>A folder's type bits.</summary>
    internal const int DirectoryType = 0x4000;

    /// <summary>A symlink's type bits.</summary>
    internal const int LinkType = 0xA000;

    /// <summary>
    /// One statx of <paramref name="path"/> (links not followed): its raw mode (type and permission bits) and its
    /// stamp, whose size is the file's size. False where statx is unavailable or the path cannot be stat'ed.
    /// </summary>
    internal static bool TryDescribe(ReadOnlySpan<char> path, out int rawMode, out FileStamp stamp) =>
        TryDescribe(Foundation.IO.Statx.CurrentFolder, path, out rawMode, out stamp);

    /// <summary>As <see cref="TryDescribe(ReadOnlySpan{char}, out int, out FileStamp)"/>, with <paramref name="path"/> relative to an open folder (<see cref="Statx.OpenFolder"/>).</summary>
    internal static bool TryDescribe(int folder, ReadOnlySpan<char> path, out int rawMode, out FileStamp stamp)
    {
        stamp = default;
        rawMode = 0;
        if (!Foundation.IO.Statx.TryRead(folder, path, followLinks: false, Foundation.IO.Statx.BasicStats, out Foundation.IO.Statx.Result result))
        {
            return false;
        }

        const uint Needed = Foundation.IO.Statx.Type | Foundation.IO.Statx.Mode | Foundation.IO.Statx.Ino | Foundation.IO.Statx.Size | Foundation.IO.Statx.Mtime | Foundation.IO.Statx.Ctime;
        if ((result.Mask & Needed) != Needed || !BitConverter.IsLittleEndian)
        {
            return false;
        }

        rawMode = result.RawMode;
        stamp = new FileStamp(result.Device, result.Inode, result.Size, result.ModifiedNs, result.ChangedNs);
        return true;
    }
}

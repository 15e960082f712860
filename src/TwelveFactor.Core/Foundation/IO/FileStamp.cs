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
        stamp = default;
        isRegularFile = true;
        if (!Foundation.IO.Statx.TryRead(path, followLinks: false, Foundation.IO.Statx.BasicStats, out Foundation.IO.Statx.Result result))
        {
            return false;
        }

        const uint Needed = Foundation.IO.Statx.Ino | Foundation.IO.Statx.Size | Foundation.IO.Statx.Mtime | Foundation.IO.Statx.Ctime;
        if ((result.Mask & Needed) != Needed || !BitConverter.IsLittleEndian)
        {
            return false;
        }

        const int TypeMask = 0xF000;
        const int RegularType = 0x8000;
        isRegularFile = (result.RawMode & TypeMask) == RegularType;
        stamp = new FileStamp(result.Device, result.Inode, result.Size, result.ModifiedNs, result.ChangedNs);
        return true;
    }
}

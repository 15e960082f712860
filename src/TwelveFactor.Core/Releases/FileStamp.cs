using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// What identifies a file's content without reading it, as git's index does: device, inode, size, and the
/// modification and change times to the nanosecond. The change time cannot be set by tools (tar, rsync, touch),
/// so a file rewritten with the same size and a restored mtime still gets a new stamp. Linux only, through
/// statx(2), whose struct is the same on every architecture.
/// </summary>
internal readonly record struct FileStamp(ulong Device, ulong Inode, long Size, long ModifiedNs, long ChangedNs)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7FF;
    private const uint StatxIno = 0x100;
    private const uint StatxSize = 0x200;
    private const uint StatxMtime = 0x40;
    private const uint StatxCtime = 0x80;
    private const int StatxSizeInBytes = 256;

    private static bool _unavailable = !OperatingSystem.IsLinux();

    [ThreadStatic]
    private static byte[]? _buffer;

    /// <summary>The file's stamp; false when statx is unavailable or the file cannot be stat'ed.</summary>
    internal static bool TryGet(string path, out FileStamp stamp) => TryGet(path, out stamp, out _);

    /// <summary>The file's stamp and whether it is a regular file (not a fifo, socket or device).</summary>
    internal static bool TryGet(string path, out FileStamp stamp, out bool isRegularFile)
    {
        stamp = default;
        isRegularFile = true;
        if (_unavailable)
        {
            return false;
        }

        byte[] buffer = _buffer ??= new byte[StatxSizeInBytes];
        try
        {
            if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
            {
                return false;
            }
        }
        catch (EntryPointNotFoundException)
        {
            // glibc before 2.28 or another libc: no cache, everything is hashed.
            _unavailable = true;
            return false;
        }

        ReadOnlySpan<byte> data = buffer;
        uint mask = BinaryPrimitives.ReadUInt32LittleEndian(data);
        const uint Needed = StatxIno | StatxSize | StatxMtime | StatxCtime;
        if ((mask & Needed) != Needed || !BitConverter.IsLittleEndian)
        {
            return false;
        }

        const int TypeMask = 0xF000;
        const int RegularType = 0x8000;
        isRegularFile = (BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & TypeMask) == RegularType;
        ulong inode = BinaryPrimitives.ReadUInt64LittleEndian(data[32..]);
        long size = BinaryPrimitives.ReadInt64LittleEndian(data[40..]);
        long changed = Nanoseconds(data[96..]);
        long modified = Nanoseconds(data[112..]);
        ulong device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(data[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(data[140..]);
        stamp = new FileStamp(device, inode, size, modified, changed);
        return true;
    }

    private static long Nanoseconds(ReadOnlySpan<byte> timestamp) =>
        (BinaryPrimitives.ReadInt64LittleEndian(timestamp) * 1_000_000_000L) + BinaryPrimitives.ReadUInt32LittleEndian(timestamp[8..]);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}

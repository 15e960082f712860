using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;

namespace TwelveFactor.Core.IO;

/// <summary>The device and inode of an open file (fstat through statx on its descriptor; Linux), to tell whether a name still points at it.</summary>
internal static class FileIdentity
{
    private const int AtEmptyPath = 0x1000;
    private const uint StatxIno = 0x100;

    internal static bool TryGet(FileStream stream, out ulong device, out ulong inode)
    {
        device = 0;
        inode = 0;
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var handle = stream.SafeFileHandle;
        bool added = false;
        byte[] buffer = new byte[256];
        try
        {
            handle.DangerousAddRef(ref added);
            if (statx((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxIno, buffer) != 0)
            {
                return false;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        ReadOnlySpan<byte> data = buffer;
        inode = BinaryPrimitives.ReadUInt64LittleEndian(data[32..]);
        device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(data[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(data[140..]);
        return true;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}

using System;
using System.IO;

namespace TwelveFactor.Core.Foundation.IO;

/// <summary>The device and inode of an open file (Linux), to tell whether a name still points at it.</summary>
internal static class FileIdentity
{
    internal static bool TryGet(FileStream stream, out ulong device, out ulong inode)
    {
        device = 0;
        inode = 0;
        if (!OperatingSystem.IsLinux() || !Statx.TryRead(stream.SafeFileHandle, Statx.Ino, out Statx.Result result))
        {
            return false;
        }

        device = result.Device;
        inode = result.Inode;
        return true;
    }
}

using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using Microsoft.Win32.SafeHandles;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Releases.Stores;

/// <summary>
/// Directory junctions (NTFS mount points) for the <c>current</c> link of a deploy folder on Windows.
/// </summary>
/// <remarks>
/// A junction rather than a symbolic link: creating a symbolic link needs SeCreateSymbolicLinkPrivilege (an
/// elevated prompt, or Developer Mode), which a deploy agent's account usually lacks; a junction needs only
/// write access to the folder, and IIS, services and shells follow it like a folder. Windows cannot rename a
/// folder over another, so switching a junction is done in place: FSCTL_SET_REPARSE_POINT on the open junction
/// replaces its target in one file system operation, and a path lookup sees the old target or the new one,
/// never a missing <c>current</c>. A junction holds an absolute path, so moving the deploy folder breaks it;
/// publishing again repairs it.
/// </remarks>
internal static class WindowsJunction
{
    private const uint ReparseTagMountPoint = 0xA0000003;
    private const uint FsctlSetReparsePoint = 0x000900A4;
    private const uint GenericWrite = 0x40000000;
    private const uint ShareAll = 0x1 | 0x2 | 0x4;
    private const uint OpenExisting = 3;
    private const uint FlagBackupSemantics = 0x02000000;
    private const uint FlagOpenReparsePoint = 0x00200000;
    private const int ErrorReparseTagMismatch = 4394;
    private const int ErrorNotAReparsePoint = 4390;
    private const int HeaderSize = 8; // ReparseTag, ReparseDataLength, Reserved
    private const int MountPointFieldsSize = 8; // four USHORT offsets and lengths
    private const int MaxReparseBufferSize = 16 * 1024;

    /// <summary>
    /// Points <paramref name="junctionPath"/> at <paramref name="targetDirectory"/>: retargets an existing
    /// junction in place, or makes a new one beside it and renames it into place. Returns false when the name
    /// holds something else (a symbolic link or folder left by another tool), which the caller must replace.
    /// </summary>
    [SupportedOSPlatform("windows")]
    internal static bool TryPoint(string junctionPath, string targetDirectory, string tempPath)
    {
        string target = Path.GetFullPath(targetDirectory);
        if (!Directory.Exists(junctionPath) && !File.Exists(junctionPath))
        {
            Directory.CreateDirectory(tempPath);
            try
            {
                SetTarget(tempPath, target);
                Directory.Move(tempPath, junctionPath);
            }
            catch
            {
                TryRemove(tempPath);
                throw;
            }

            return true;
        }

        return TrySetTarget(junctionPath, target);
    }

    /// <summary>
    /// The REPARSE_DATA_BUFFER of a mount point to <paramref name="fullTargetPath"/>: the substitute name in NT
    /// form (<c>\??\C:\...</c>) and the print name as the user wrote it, each NUL-terminated.
    /// </summary>
    internal static byte[] MountPointBuffer(string fullTargetPath)
    {
        string substitute = @"\??\" + fullTargetPath.TrimEnd('\\', '/');
        string print = fullTargetPath.TrimEnd('\\', '/');
        int substituteBytes = Encoding.Unicode.GetByteCount(substitute);
        int printBytes = Encoding.Unicode.GetByteCount(print);
        int dataLength = MountPointFieldsSize + substituteBytes + 2 + printBytes + 2;
        // MS-FSA 2.1.5.10.37: a reparse buffer larger than 16 KiB is refused.
        if (HeaderSize + dataLength > MaxReparseBufferSize)
        {
            throw new PathTooLongException(fullTargetPath);
        }

        byte[] buffer = new byte[HeaderSize + dataLength];
        Span<byte> span = buffer;
        BinaryPrimitives.WriteUInt32LittleEndian(span, ReparseTagMountPoint);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], (ushort)dataLength);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], 0); // SubstituteNameOffset
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], (ushort)substituteBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], (ushort)(substituteBytes + 2)); // PrintNameOffset
        BinaryPrimitives.WriteUInt16LittleEndian(span[14..], (ushort)printBytes);
        int path = HeaderSize + MountPointFieldsSize;
        Encoding.Unicode.GetBytes(substitute, span[path..]);
        Encoding.Unicode.GetBytes(print, span[(path + substituteBytes + 2)..]);
        return buffer;
    }

    [SupportedOSPlatform("windows")]
    private static void SetTarget(string junctionPath, string fullTargetPath)
    {
        if (!TrySetTarget(junctionPath, fullTargetPath))
        {
            throw new IOException(string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.JunctionNotCreated, junctionPath));
        }
    }

    // False when the name is a reparse point of another kind (a symbolic link) or a plain folder with content.
    [SupportedOSPlatform("windows")]
    private static bool TrySetTarget(string junctionPath, string fullTargetPath)
    {
        byte[] buffer = MountPointBuffer(fullTargetPath);
        using SafeFileHandle handle = CreateFileW(junctionPath, GenericWrite, ShareAll, IntPtr.Zero, OpenExisting, FlagBackupSemantics | FlagOpenReparsePoint, IntPtr.Zero);
        if (handle.IsInvalid)
        {
            int error = Marshal.GetLastPInvokeError();
            throw new IOException(new Win32Exception(error).Message, error);
        }

        if (DeviceIoControl(handle, FsctlSetReparsePoint, buffer, buffer.Length, IntPtr.Zero, 0, out _, IntPtr.Zero))
        {
            return true;
        }

        int failure = Marshal.GetLastPInvokeError();
        if (failure is ErrorReparseTagMismatch or ErrorNotAReparsePoint or 145 /* directory not empty */)
        {
            return false;
        }

        throw new IOException(new Win32Exception(failure).Message, failure);
    }

    private static void TryRemove(string path)
    {
        try
        {
            Directory.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [DllImport("kernel32", SetLastError = true, CharSet = CharSet.Unicode)]
    private static extern SafeFileHandle CreateFileW(string fileName, uint desiredAccess, uint shareMode, IntPtr securityAttributes, uint creationDisposition, uint flagsAndAttributes, IntPtr templateFile);

    [DllImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool DeviceIoControl(SafeFileHandle device, uint ioControlCode, byte[] inBuffer, int inBufferSize, IntPtr outBuffer, int outBufferSize, out int bytesReturned, IntPtr overlapped);
}

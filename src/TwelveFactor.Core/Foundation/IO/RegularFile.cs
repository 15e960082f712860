using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TwelveFactor.Core.Foundation.IO;

/// <summary>
/// Opens files that others may have written (a release store's manifests, records, salt, caches and blobs) only
/// when they are regular files. A store can sit on a share other users write to, and is read as root on deploy
/// hosts: a manifest replaced by a fifo would hang every command that lists releases (opening a fifo for reading
/// waits for a writer), one replaced by a link to /dev/zero would be read forever, and a link elsewhere would be
/// read as if it were the store's. On Linux the open itself refuses a link and cannot block; the file's type is
/// then read from the open descriptor, so nothing can be swapped in between the check and the read.
/// </summary>
internal static class RegularFile
{
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;
    private const int EACCES = 13;
    private const int EPERM = 1;
    private const int ELOOP = 40;

    /// <summary>
    /// Opens <paramref name="path"/> for reading when it is a regular file; with <paramref name="followLinks"/>, also
    /// through links to one (an env file linked to a shared one is a common, legitimate layout).
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="DirectoryNotFoundException">A folder on the path is missing.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="NotRegularFileException">It is a link, fifo, device, socket or folder.</exception>
    internal static SafeFileHandle OpenRead(string path, bool followLinks = false)
    {
        if (Statx.OpenRegularForRead(path, followLinks) is not { } opened)
        {
            return OpenReadPortably(path, followLinks);
        }

        if (opened.Descriptor < 0)
        {
            throw opened.Errno switch
            {
                // As .NET's own opens say it: a missing folder on the way is DirectoryNotFoundException.
                ENOENT when !Directory.Exists(Path.GetDirectoryName(path)) => new DirectoryNotFoundException($"Could not find a part of the path '{path}'."),
                ENOENT => new FileNotFoundException($"Could not find file '{path}'.", path),
                ENOTDIR => new DirectoryNotFoundException($"Could not find a part of the path '{path}'."),
                EACCES or EPERM => new UnauthorizedAccessException(path),
                ELOOP => new NotRegularFileException(path, FileStamp.LinkType),
                _ => new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(opened.Errno)}"),
            };
        }

        var handle = new SafeFileHandle(opened.Descriptor, ownsHandle: true);
        if (Statx.TryRead(handle, Statx.Type, out Statx.Result stat) && (stat.RawMode & FileStamp.TypeMask) != FileStamp.RegularType)
        {
            handle.Dispose();
            throw new NotRegularFileException(path, stat.RawMode & FileStamp.TypeMask);
        }

        return handle;
    }

    /// <summary>The whole of a regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="IOException">It is larger (<see cref="FileTooLargeException"/>), or as <see cref="OpenRead"/>.</exception>
    internal static byte[] ReadAllBytes(string path, long maxBytes, bool followLinks = false)
    {
        using SafeFileHandle handle = OpenRead(path, followLinks);
        long length = RandomAccess.GetLength(handle);
        if (length > maxBytes)
        {
            throw new FileTooLargeException(path, length, maxBytes);
        }

        byte[] bytes = new byte[length];
        int read = HandleReads.Fill(handle, bytes, 0);
        if (read < bytes.Length)
        {
            return bytes.AsSpan(0, read).ToArray(); // it shrank while read
        }

        if (HandleReads.EndsAt(handle, read))
        {
            return bytes;
        }

        // Grown since its length was taken (a writer appending): the rest too, as far as the limit allows.
        using var whole = new MemoryStream();
        whole.Write(bytes);
        byte[] buffer = new byte[1 << 16];
        long offset = read;
        for (int count; (count = RandomAccess.Read(handle, buffer, offset)) > 0; offset += count)
        {
            if (offset + count > maxBytes)
            {
                throw new FileTooLargeException(path, offset + count, maxBytes);
            }

            whole.Write(buffer, 0, count);
        }

        return whole.ToArray();
    }

    /// <summary>
    /// <see cref="ReadAllBytes"/> as text, its encoding told by a byte order mark and UTF-8 otherwise (as
    /// File.ReadAllText reads).
    /// </summary>
    internal static string ReadAllText(string path, long maxBytes, bool followLinks = false) =>
        new StreamReader(new MemoryStream(ReadAllBytes(path, maxBytes, followLinks)), detectEncodingFromByteOrderMarks: true).ReadToEnd();

    // Elsewhere (Windows, macOS, other architectures): the type is checked first, then the file opened.
    private static SafeFileHandle OpenReadPortably(string path, bool followLinks)
    {
        if (!followLinks && new FileInfo(path).LinkTarget is not null)
        {
            throw new NotRegularFileException(path, FileStamp.LinkType);
        }

        if (Directory.Exists(path))
        {
            throw new NotRegularFileException(path, FileStamp.DirectoryType);
        }

        return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }
}

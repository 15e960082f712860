using System;
using System.IO;

namespace TwelveFactor.Core.Foundation.IO;

/// <summary>
/// Appends to a file that collects values for a later reader ($GITHUB_ENV): a new file is created owner-only,
/// since what is appended is usually a secret, and a symlink is refused rather than followed, so a link planted
/// in a shared folder cannot make the append land in a file another user owns.
/// </summary>
public static class OwnerOnlyAppender
{
    /// <summary>Appends <paramref name="bytes"/> to <paramref name="path"/>.</summary>
    /// <exception cref="IOException"><paramref name="path"/> is a symlink or not a regular file.</exception>
    public static void Append(string path, ReadOnlySpan<byte> bytes)
    {
        string fullPath = Path.GetFullPath(path);
        UnixFileOwner.EntryKind kind = UnixFileOwner.KindOf(fullPath);
        if (kind is not (UnixFileOwner.EntryKind.Missing or UnixFileOwner.EntryKind.File))
        {
            throw new IOException(string.Format(System.Globalization.CultureInfo.CurrentCulture, Resources.CoreStrings.AppendTargetNotRegularFile, fullPath));
        }

        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = AtomicFile.OwnerOnly;
        }

        using var stream = new FileStream(fullPath, options);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }
}

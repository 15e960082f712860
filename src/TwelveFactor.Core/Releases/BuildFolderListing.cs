using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Enumeration;
using System.Runtime.ExceptionServices;
using System.Threading;
using TwelveFactor.Core.Foundation.IO;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// One folder of a build as the ingester lists it: its entries sorted by name (a subfolder's name with '/' after it,
/// so reading folders depth first gives every path in ordinal order), and its subfolders, to list next.
/// </summary>
internal sealed class BuildFolderListing
{
    private readonly string _fullPath;
    private readonly string _relative;

    internal BuildFolderListing(string fullPath, string relative)
    {
        _fullPath = fullPath;
        _relative = relative;
    }

    /// <summary>Its entries in path order: a <see cref="ScannedFile"/> for each regular file, an <see cref="Item"/> for a link or subfolder.</summary>
    internal List<object> Items { get; } = new();

    internal List<ReleaseDirectoryEntry> Folders { get; } = new();

    internal ExceptionDispatchInfo? Failure { get; private set; }

    internal void List(CancellationToken cancellationToken)
    {
        // Each entry is stat'ed by its name in this folder, opened once, where the system allows; else by its full path.
        int folder = Statx.OpenFolder(_fullPath);
        try
        {
            // Each entry is described from the enumerator's own buffer: a file costs its relative path (which the
            // release keeps) and one object, with no name or full path as strings of their own.
            var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };
            foreach (object item in new FileSystemEnumerable<object>(_fullPath, (ref FileSystemEntry entry) => Describe(folder, entry.FileName), options))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Items.Add(item);
            }

            // Every key starts with this folder's relative path, so this is the order of the names.
            Items.Sort(static (a, b) => string.CompareOrdinal(KeyOf(a), KeyOf(b)));
        }
        catch (Exception ex)
        {
            Failure = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            Statx.CloseFolder(folder);
        }
    }

    /// <summary>An entry's sort key: its relative path, with '/' after it for a subfolder.</summary>
    internal static string KeyOf(object item) => item is ScannedFile file ? file.Relative : ((Item)item).Key;

    // One statx per entry on Linux: its type, mode, size and stamp at once. The stamp is taken before the file
    // is read, so a change while we read gives it a newer stamp; it also tells a fifo or device, which reading
    // would hang on, from a file.
    private object Describe(int folder, ReadOnlySpan<char> name)
    {
        string relative = _relative.Length == 0 ? name.ToString() : string.Concat(_relative, "/", name);
        if (relative.Contains('\\'))
        {
            relative = relative.Replace('\\', '/');
        }

        // By its name in the open folder; by its full path where the folder could not be opened so (not x64 or arm64
        // Linux); what .NET tells where statx is missing (another OS) or the entry vanished.
        int rawMode;
        FileStamp stamp;
        bool described = folder >= 0
            ? FileStamp.TryDescribe(folder, name, out rawMode, out stamp)
            : FileStamp.TryDescribe(Path.Join(_fullPath, name), out rawMode, out stamp);
        if (!described)
        {
            return DescribeWithoutStatx(relative, Path.Join(_fullPath, name), name);
        }

        return (rawMode & FileStamp.TypeMask) == FileStamp.RegularType
            ? new ScannedFile(relative, _fullPath, NameOf(relative, name), stamp.Size, BuildPathRules.PermissionsOf(rawMode), true, stamp)
            : DescribeOther(relative, Path.Join(_fullPath, name), rawMode);
    }

    // An entry statx says is not a regular file: a link, a subfolder, or something a build may not hold.
    private object DescribeOther(string relative, string fullPath, int rawMode) => (rawMode & FileStamp.TypeMask) switch
    {
        FileStamp.LinkType => new Item(relative, BuildIngester.LinkEntry(relative, new FileInfo(fullPath).LinkTarget), null),
        FileStamp.DirectoryType => Folder(relative, fullPath, rawMode),
        _ => throw BuildIngester.Unsupported(relative),
    };

    // The name as ScannedFile keeps it: null when it is the end of the relative path (it held no backslash).
    private static string? NameOf(string relative, ReadOnlySpan<char> name) => relative.AsSpan().EndsWith(name, StringComparison.Ordinal) ? null : name.ToString();

    // No statx (another OS, or the entry vanished): what .NET tells.
    private object DescribeWithoutStatx(string relative, string fullPath, ReadOnlySpan<char> name)
    {
        FileSystemInfo info = Directory.Exists(fullPath) ? new DirectoryInfo(fullPath) : new FileInfo(fullPath);
        if (info.LinkTarget is { } target)
        {
            return new Item(relative, BuildIngester.LinkEntry(relative, target), null);
        }

        if (info is DirectoryInfo)
        {
            return Folder(relative, fullPath, OperatingSystem.IsWindows() ? BuildIngester.DefaultFolderMode : (int)info.UnixFileMode);
        }

        if (info is FileInfo file && file.Exists)
        {
            bool stamped = FileStamp.TryGet(fullPath, out FileStamp fileStamp, out bool isRegularFile);
            if (!isRegularFile)
            {
                throw BuildIngester.Unsupported(relative);
            }

            int mode = OperatingSystem.IsWindows() ? BuildIngester.DefaultFileMode : BuildPathRules.PermissionsOf((int)file.UnixFileMode);
            return new ScannedFile(relative, _fullPath, NameOf(relative, name), file.Length, mode, stamped, fileStamp);
        }

        throw new FileNotFoundException(null, fullPath);
    }

    private Item Folder(string relative, string fullPath, int mode)
    {
        if (BuildIngester.FolderEntry(relative, mode) is { } folder)
        {
            Folders.Add(folder);
        }

        return new Item(relative + "/", null, new BuildFolderListing(fullPath, relative));
    }

    /// <summary>A link or a subfolder (whose sort key ends in '/'). A class for the reason <see cref="ScannedFile"/> is.</summary>
    internal sealed record Item(string Key, ReleaseFileEntry? Link, BuildFolderListing? Subfolder);
}

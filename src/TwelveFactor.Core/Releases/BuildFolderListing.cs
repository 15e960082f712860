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

    internal List<Item> Items { get; } = new();

    internal List<ReleaseDirectoryEntry> Folders { get; } = new();

    internal ExceptionDispatchInfo? Failure { get; private set; }

    internal void List(CancellationToken cancellationToken)
    {
        try
        {
            var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };
            foreach (string name in new FileSystemEnumerable<string>(_fullPath, (ref FileSystemEntry entry) => entry.FileName.ToString(), options))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Add(name);
            }

            Items.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        }
        catch (Exception ex)
        {
            Failure = ExceptionDispatchInfo.Capture(ex);
        }
    }

    // One statx per entry on Linux: its type, mode, size and stamp at once. The stamp is taken before the file
    // is read, so a change while we read gives it a newer stamp; it also tells a fifo or device, which reading
    // would hang on, from a file.
    private void Add(string name)
    {
        string fullPath = Path.Join(_fullPath, name);
        string relative = (_relative.Length == 0 ? name : _relative + "/" + name).Replace('\\', '/');
        if (FileStamp.TryDescribe(fullPath, out int rawMode, out FileStamp stamp))
        {
            switch (rawMode & FileStamp.TypeMask)
            {
                case FileStamp.LinkType:
                    Items.Add(new Item(name, null, BuildIngester.LinkEntry(relative, new FileInfo(fullPath).LinkTarget), null));
                    return;
                case FileStamp.DirectoryType:
                    AddFolder(name, fullPath, relative, rawMode);
                    return;
                case FileStamp.RegularType:
                    Items.Add(new Item(name, new ScannedFile(relative, fullPath, stamp.Size, BuildPathRules.PermissionsOf(rawMode), true, stamp), null, null));
                    return;
                default:
                    throw BuildIngester.Unsupported(relative);
            }
        }

        // No statx (another OS, or the entry vanished): what .NET tells.
        FileSystemInfo info = Directory.Exists(fullPath) ? new DirectoryInfo(fullPath) : new FileInfo(fullPath);
        if (info.LinkTarget is { } target)
        {
            Items.Add(new Item(name, null, BuildIngester.LinkEntry(relative, target), null));
        }
        else if (info is DirectoryInfo)
        {
            AddFolder(name, fullPath, relative, OperatingSystem.IsWindows() ? BuildIngester.DefaultFolderMode : (int)info.UnixFileMode);
        }
        else if (info is FileInfo file && file.Exists)
        {
            bool stamped = FileStamp.TryGet(fullPath, out FileStamp fileStamp, out bool isRegularFile);
            if (!isRegularFile)
            {
                throw BuildIngester.Unsupported(relative);
            }

            int mode = OperatingSystem.IsWindows() ? BuildIngester.DefaultFileMode : BuildPathRules.PermissionsOf((int)file.UnixFileMode);
            Items.Add(new Item(name, new ScannedFile(relative, fullPath, file.Length, mode, stamped, fileStamp), null, null));
        }
        else
        {
            throw new FileNotFoundException(null, fullPath);
        }
    }

    private void AddFolder(string name, string fullPath, string relative, int mode)
    {
        if (BuildIngester.FolderEntry(relative, mode) is { } folder)
        {
            Folders.Add(folder);
        }

        Items.Add(new Item(name + "/", null, null, new BuildFolderListing(fullPath, relative)));
    }

    /// <summary>An entry: a file, a link, or a subfolder (whose sort key ends in '/'). A class for the reason <see cref="ScannedFile"/> is.</summary>
    internal sealed record Item(string Key, ScannedFile? File, ReleaseFileEntry? Link, BuildFolderListing? Subfolder);
}

using System.Globalization;
using System.IO;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Foundation.IO;

/// <summary>A file TwelveFactor writes as a regular file is a link, fifo, device, socket or folder (<see cref="RegularFile"/>).</summary>
public sealed class NotRegularFileException : IOException
{
    internal NotRegularFileException(string path, int type)
        : base(string.Format(CultureInfo.CurrentCulture, CoreStrings.NotRegularFile, path, KindOf(type)))
    {
        FilePath = path;
        Kind = KindOf(type);
    }

    /// <summary>The path that is not a regular file.</summary>
    public string FilePath { get; }

    /// <summary>What it is instead: "symbolic link", "folder", "fifo", "device", "socket" or "special file".</summary>
    public string Kind { get; }

    private static string KindOf(int type) => type switch
    {
        FileStamp.LinkType => "symbolic link",
        FileStamp.DirectoryType => "folder",
        0x1000 => "fifo",
        0x2000 or 0x6000 => "device",
        0xC000 => "socket",
        _ => "special file",
    };
}

using System;
using System.IO;
using TwelveFactor.Core.Foundation.IO;

namespace TwelveFactor.Core.Tests.Foundation;

/// <summary>
/// A release stats each file of a build by its name in its folder, opened once (Statx.OpenFolder): what that reads
/// must be what the full path reads, links must not be followed, and only a folder opens.
/// </summary>
public sealed class StatxFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tf-statx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_name_in_an_open_folder_reads_as_its_full_path_does()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        File.WriteAllText(Path.Combine(_folder, "app.dll"), "twelve bytes");
        Directory.CreateDirectory(Path.Combine(_folder, "sub"));
        File.CreateSymbolicLink(Path.Combine(_folder, "current"), "app.dll");
        File.CreateSymbolicLink(Path.Combine(_folder, "dangling"), "nowhere");

        int folder = Statx.OpenFolder(_folder);
        Assert.True(folder >= 0);
        try
        {
            foreach (string name in new[] { "app.dll", "sub", "current", "dangling" })
            {
                Assert.True(FileStamp.TryDescribe(folder, name, out int rawMode, out FileStamp stamp), name);
                Assert.True(FileStamp.TryDescribe(Path.Combine(_folder, name), out int fullPathMode, out FileStamp fullPathStamp), name);
                Assert.Equal(fullPathMode, rawMode);
                Assert.Equal(fullPathStamp, stamp);
            }

            Assert.True(FileStamp.TryDescribe(folder, "app.dll", out int fileMode, out FileStamp fileStamp));
            Assert.Equal(FileStamp.RegularType, fileMode & FileStamp.TypeMask);
            Assert.Equal(12, fileStamp.Size);
            Assert.True(FileStamp.TryDescribe(folder, "current", out int linkMode, out _));
            Assert.Equal(FileStamp.LinkType, linkMode & FileStamp.TypeMask);
            Assert.True(FileStamp.TryDescribe(folder, "sub", out int subMode, out _));
            Assert.Equal(FileStamp.DirectoryType, subMode & FileStamp.TypeMask);
            Assert.False(FileStamp.TryDescribe(folder, "missing", out _, out _));
        }
        finally
        {
            Statx.CloseFolder(folder);
        }
    }

    [Fact]
    public void Only_a_folder_opens_and_a_link_to_one_is_followed()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string file = Path.Combine(_folder, "file.txt");
        File.WriteAllText(file, "x");
        string inner = Directory.CreateDirectory(Path.Combine(_folder, "inner")).FullName;
        File.WriteAllText(Path.Combine(inner, "in.txt"), "inside");
        string link = Path.Combine(_folder, "to-inner");
        Directory.CreateSymbolicLink(link, inner);

        Assert.Equal(-1, Statx.OpenFolder(file));
        Assert.Equal(-1, Statx.OpenFolder(Path.Combine(_folder, "missing")));

        // A build given as a link to its folder is read through the link, as its full paths were.
        int folder = Statx.OpenFolder(link);
        Assert.True(folder >= 0);
        try
        {
            Assert.True(FileStamp.TryDescribe(folder, "in.txt", out _, out FileStamp stamp));
            Assert.Equal(6, stamp.Size);
        }
        finally
        {
            Statx.CloseFolder(folder);
        }
    }
}

using System;
using System.IO;
using TwelveFactor.Core.Foundation.IO;

namespace TwelveFactor.Core.Tests.Foundation;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tf-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Replaces_content_keeps_mode_and_leaves_no_temp_file()
    {
        string file = Path.Combine(_folder, "f");
        File.WriteAllText(file, "old");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        }

        AtomicFile.WriteAllBytes(file, "new"u8);

        Assert.Equal("new", File.ReadAllText(file));
        Assert.Equal(new[] { file }, Directory.GetFiles(_folder));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temp_file()
    {
        string missingFolder = Path.Combine(_folder, "no", "such", "f");
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllBytes(missingFolder, "x"u8));
        Assert.Empty(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
    }
}

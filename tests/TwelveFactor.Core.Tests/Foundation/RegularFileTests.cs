using System;
using System.IO;
using System.Threading.Tasks;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Tests.AdminProcesses;
using TwelveFactor.Core.Tests.Security;

namespace TwelveFactor.Core.Tests.Foundation;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RegularFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tf-regular-").FullName;

    private string At(string name) => Path.Combine(_dir, name);

    [UnixFact]
    public void AFileReadsAndALimitHolds()
    {
        File.WriteAllText(At("a"), "twelve bytes");
        Assert.Equal("twelve bytes", System.Text.Encoding.UTF8.GetString(RegularFile.ReadAllBytes(At("a"), 12)));
        var tooLarge = Assert.Throws<FileTooLargeException>(() => RegularFile.ReadAllBytes(At("a"), 11));
        Assert.Contains("is 12 bytes, more than the 11", tooLarge.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => RegularFile.OpenRead(At("missing")));
        Assert.Throws<DirectoryNotFoundException>(() => RegularFile.OpenRead(At("missing/a")));
    }

    [UnixFact]
    public void AFileLongerThanItsLengthSaidIsReadToItsEndWithinTheLimit()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A /proc file says it is 0 bytes long and holds more, as a file appended to while it is read does.
        string status = System.Text.Encoding.UTF8.GetString(RegularFile.ReadAllBytes("/proc/self/status", 1 << 20));
        Assert.StartsWith("Name:", status, StringComparison.Ordinal);
        Assert.Throws<FileTooLargeException>(() => RegularFile.ReadAllBytes("/proc/self/status", 16));
    }

    [UnixFact]
    public async Task ALinkAFifoADeviceAndAFolderAreRefusedAtOnce()
    {
        File.WriteAllText(At("target"), "x");
        File.CreateSymbolicLink(At("link"), At("target"));
        Fifos.Make(At("fifo"));

        Assert.Contains("is a symbolic link", Assert.Throws<NotRegularFileException>(() => RegularFile.OpenRead(At("link"))).Message, StringComparison.Ordinal);
        Assert.Contains("is a device", Assert.Throws<NotRegularFileException>(() => RegularFile.OpenRead("/dev/null")).Message, StringComparison.Ordinal);
        Assert.Contains("is a folder", Assert.Throws<NotRegularFileException>(() => RegularFile.OpenRead(_dir)).Message, StringComparison.Ordinal);

        // Opening a fifo for reading waits for a writer: the open must not.
        var refused = Assert.IsType<NotRegularFileException>(await Fifos.WithinPatience(() => Record.Exception(() => RegularFile.OpenRead(At("fifo")).Dispose())));
        Assert.Equal(At("fifo"), refused.FilePath);
        Assert.Contains("is a fifo, not a regular file", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.Versioning;
using System.Text;
using TwelveFactor.Core.Releases.Stores;

namespace TwelveFactor.Core.Tests.Releases;

public sealed class WindowsJunctionTests
{
    [Fact]
    public void MountPointBufferHasTheLayoutNtfsExpects()
    {
        byte[] buffer = WindowsJunction.MountPointBuffer(@"C:\deploy\releases\v3\");

        // REPARSE_DATA_BUFFER: tag, data length, reserved, then the mount point's offsets and lengths in bytes.
        string substitute = @"\??\C:\deploy\releases\v3";
        string print = @"C:\deploy\releases\v3";
        Assert.Equal(0xA0000003u, BinaryPrimitives.ReadUInt32LittleEndian(buffer));
        Assert.Equal(8 + (2 * substitute.Length) + 2 + (2 * print.Length) + 2, BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(4)));
        Assert.Equal(buffer.Length - 8, BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(4)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(6)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(8)));
        Assert.Equal(2 * substitute.Length, BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(10)));
        Assert.Equal((2 * substitute.Length) + 2, BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(12)));
        Assert.Equal(2 * print.Length, BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(14)));

        ReadOnlySpan<byte> paths = buffer.AsSpan(16);
        Assert.Equal(substitute, Encoding.Unicode.GetString(paths[..(2 * substitute.Length)]));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(paths[(2 * substitute.Length)..]));
        Assert.Equal(print, Encoding.Unicode.GetString(paths.Slice((2 * substitute.Length) + 2, 2 * print.Length)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(paths[^2..]));
    }

    [Fact]
    public void ATargetTooLongForOneReparseBufferIsRefused()
    {
        Assert.Throws<PathTooLongException>(() => WindowsJunction.MountPointBuffer(@"C:\" + new string('x', 20_000)));
    }

    [WindowsFact]
    [SupportedOSPlatform("windows")]
    public void AJunctionIsMadeThenRetargetedInPlace()
    {
        string root = Directory.CreateTempSubdirectory("tf-junction-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "releases", "v1"));
            Directory.CreateDirectory(Path.Combine(root, "releases", "v2"));
            File.WriteAllText(Path.Combine(root, "releases", "v2", "marker"), "v2");
            string current = Path.Combine(root, "current");

            Assert.True(WindowsJunction.TryPoint(current, Path.Combine(root, "releases", "v1"), Path.Combine(root, ".current.tmp-1")));
            Assert.EndsWith(@"releases\v1", new DirectoryInfo(current).LinkTarget, StringComparison.OrdinalIgnoreCase);

            Assert.True(WindowsJunction.TryPoint(current, Path.Combine(root, "releases", "v2"), Path.Combine(root, ".current.tmp-2")));
            Assert.EndsWith(@"releases\v2", new DirectoryInfo(current).LinkTarget, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("v2", File.ReadAllText(Path.Combine(current, "marker")));
            Assert.False(Directory.Exists(Path.Combine(root, ".current.tmp-2")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

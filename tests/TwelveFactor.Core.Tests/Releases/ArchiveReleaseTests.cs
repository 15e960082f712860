using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Releases;

public sealed class ArchiveReleaseTests : IDisposable
{
    private readonly ReleaseTestContext _context = new();

    [Theory]
    [InlineData("build.zip")]
    [InlineData("build.tar")]
    [InlineData("build.tar.gz")]
    [InlineData("build.tgz")]
    public async Task AnArchiveMakesTheSameBuildAsItsFolder(string name)
    {
        _context.WriteSampleBuild();
        File.CreateSymbolicLink(Path.Combine(_context.Build, "wwwroot", "home.html"), "index.html");
        string archive = Path.Combine(_context.Root, name);
        if (name.EndsWith(".zip", StringComparison.Ordinal))
        {
            WriteZipOfBuild(archive);
        }
        else
        {
            using FileStream file = File.Create(archive);
            using Stream output = name.EndsWith(".tar", StringComparison.Ordinal) ? file : new GZipStream(file, CompressionLevel.Fastest);
            TarFile.CreateFromDirectory(_context.Build, output, includeBaseDirectory: false);
        }

        ReleaseRecord fromFolder = await _context.CreateAsync();
        ReleaseRecord fromArchive = await _context.CreateAsync(buildPath: archive);

        Assert.Equal(fromFolder.BuildDigest, fromArchive.BuildDigest);
        Assert.Equal(fromFolder.FileCount, fromArchive.FileCount);
        Assert.True((await _context.Service.VerifyAsync(ReleaseTestContext.App)).IsValid);
    }

    [Fact]
    public async Task ZipEntryClimbingOutIsRejectedAndTheStoreIsUnchanged()
    {
        string archive = Path.Combine(_context.Root, "evil.zip");
        using (ZipArchive zip = ZipFile.Open(archive, ZipArchiveMode.Create))
        {
            AddZipText(zip, "ok.txt", "fine");
            AddZipText(zip, "sub/../../escape.txt", "evil");
        }

        await AssertRejectedAsync(archive, ProblemId.ArchiveEntryEscapes);
    }

    [Theory]
    [InlineData("/etc/cron.d/evil", null, TarEntryType.RegularFile)]
    [InlineData("../evil", null, TarEntryType.RegularFile)]
    [InlineData("link", "../../etc/passwd", TarEntryType.SymbolicLink)]
    [InlineData("link", "/etc/passwd", TarEntryType.SymbolicLink)]
    [InlineData("hard", "../outside", TarEntryType.HardLink)]
    public async Task TarEntryEscapingIsRejectedAndTheStoreIsUnchanged(string entryName, string? linkName, TarEntryType type)
    {
        string archive = Path.Combine(_context.Root, "evil.tar.gz");
        using (FileStream file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            WriteTarText(writer, "ok.txt", "fine");
            var entry = new PaxTarEntry(type, entryName);
            if (linkName is not null)
            {
                entry.LinkName = linkName;
            }
            else
            {
                entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes("evil"));
            }

            writer.WriteEntry(entry);
        }

        await AssertRejectedAsync(archive, ProblemId.ArchiveEntryEscapes);
    }

    [Fact]
    public async Task AnEntryBeneathASymlinkIsRejected()
    {
        // "dir" -> "." keeps lexically inside, but "dir/dir/dir/x -> ../../../.." would then leave the tree.
        string archive = Path.Combine(_context.Root, "chain.tar");
        using (FileStream file = File.Create(archive))
        using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "dir") { LinkName = "." });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "dir/dir/dir/x") { LinkName = "../../../../etc" });
        }

        await AssertRejectedAsync(archive, ProblemId.ArchiveEntryEscapes);
    }

    [Fact]
    public async Task DevicesAndEmptyArchivesAreRejected()
    {
        string fifo = Path.Combine(_context.Root, "fifo.tar");
        using (FileStream file = File.Create(fifo))
        using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Fifo, "pipe"));
        }

        await AssertRejectedAsync(fifo, ProblemId.ArchiveEntryUnsupported);

        string empty = Path.Combine(_context.Root, "empty.zip");
        using (ZipFile.Open(empty, ZipArchiveMode.Create))
        {
        }

        await AssertRejectedAsync(empty, ProblemId.BuildPathEmpty);

        string garbage = Path.Combine(_context.Root, "garbage.zip");
        File.WriteAllText(garbage, "this is not a zip");
        await AssertRejectedAsync(garbage, ProblemId.ArchiveEntryUnsupported);
    }

    public void Dispose() => _context.Dispose();

    private static void AddZipText(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }

    private static void WriteTarText(TarWriter writer, string name, string text) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });

    private void WriteZipOfBuild(string archive)
    {
        using ZipArchive zip = ZipFile.Open(archive, ZipArchiveMode.Create);
        foreach (string path in Directory.EnumerateFileSystemEntries(_context.Build, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(_context.Build, path).Replace('\\', '/');
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                ZipArchiveEntry link = zip.CreateEntry(relative);
                link.ExternalAttributes = (0xA000 | 0x1FF) << 16;
                using var writer = new StreamWriter(link.Open());
                writer.Write(target);
            }
            else if (File.Exists(path))
            {
                ZipArchiveEntry entry = zip.CreateEntryFromFile(path, relative);
                entry.ExternalAttributes = (0x8000 | (OperatingSystem.IsWindows() ? 0x1A4 : (int)File.GetUnixFileMode(path))) << 16;
            }
        }
    }

    private async Task AssertRejectedAsync(string archive, ProblemId kind)
    {
        var error = await Assert.ThrowsAsync<ReleaseException>(() => _context.CreateAsync(buildPath: archive));
        Assert.Equal(kind, error.Problem);
        Assert.Empty(await _context.Service.ListAsync(ReleaseTestContext.App));
        Assert.Equal(0, _context.ObjectCount());
    }
}

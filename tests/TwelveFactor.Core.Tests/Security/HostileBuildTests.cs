using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Tests.AdminProcesses;
using TwelveFactor.Core.Tests.Releases;

using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Security;

/// <summary>Builds and archives written by someone else cannot become root, escape, widen modes or fill the disk.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostileBuildTests : IDisposable
{
    private const UnixFileMode Mode0755 = (UnixFileMode)0b111_101_101;
    private readonly ReleaseTestContext _context = new();

    private string Deploy => Path.Combine(_context.Root, "deploy");

    [UnixFact]
    public async Task SetuidSetgidAndStickyBitsOfAFolderBuildAreDropped()
    {
        string tool = _context.WriteFile("bin/tool", "#!/bin/sh\nid\n", executable: true);
        File.SetUnixFileMode(tool, (UnixFileMode)Convert.ToInt32("7755", 8));
        await _context.CreateAsync();

        ReleaseManifest manifest = await _context.Service.GetAsync(ReleaseTestContext.App, "v1");
        Assert.Equal(Convert.ToInt32("755", 8), manifest.Files.Single(f => f.Path == "bin/tool").Mode);

        await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy);
        Assert.Equal(Mode0755, File.GetUnixFileMode(Path.Combine(Deploy, "current", "bin", "tool")));
    }

    [UnixFact]
    public async Task ATarEntryWithSetuidIsStoredAndPublishedWithoutIt()
    {
        string archive = Path.Combine(_context.Root, "setuid.tar");
        using (FileStream file = File.Create(archive))
        using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "tool") { Mode = (UnixFileMode)Convert.ToInt32("4777", 8) };
            entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes("#!/bin/sh\n"));
            writer.WriteEntry(entry);
        }

        await _context.CreateAsync(buildPath: archive);
        Assert.Equal(Convert.ToInt32("777", 8), (await _context.Service.GetAsync(ReleaseTestContext.App, "v1")).Files.Single().Mode);

        await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy);
        UnixFileMode published = File.GetUnixFileMode(Path.Combine(Deploy, "current", "tool"));
        Assert.Equal((UnixFileMode)0, published & (UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit));
    }

    [UnixFact]
    public async Task AChainOfLinksThatResolvesOutsideIsRefusedAlthoughEachLooksInside()
    {
        // q -> . ; p1 -> q/.. (the build's parent once q is followed) ; p2 -> p1/.. ; ... ; root -> p8
        _context.WriteFile("app.txt", "app");
        File.CreateSymbolicLink(Path.Combine(_context.Build, "q"), ".");
        File.CreateSymbolicLink(Path.Combine(_context.Build, "p1"), "q/..");
        for (int i = 2; i <= 8; i++)
        {
            File.CreateSymbolicLink(Path.Combine(_context.Build, "p" + i), $"p{i - 1}/..");
        }

        File.CreateSymbolicLink(Path.Combine(_context.Build, "root"), "p8");

        var error = await Assert.ThrowsAsync<ReleaseException>(() => _context.CreateAsync());
        Assert.Equal(ProblemId.ArchiveEntryEscapes, error.Problem);
        Assert.Equal(0, _context.ObjectCount());
    }

    [UnixFact]
    public async Task ALinkLoopIsRefused()
    {
        _context.WriteFile("app.txt", "app");
        File.CreateSymbolicLink(Path.Combine(_context.Build, "a"), "b/x");
        File.CreateSymbolicLink(Path.Combine(_context.Build, "b"), "a/y");

        var error = await Assert.ThrowsAsync<ReleaseException>(() => _context.CreateAsync());
        Assert.Equal(ProblemId.ArchiveEntryEscapes, error.Problem);
    }

    [UnixFact]
    public async Task LinksThatStayInsideThroughOtherLinksAreKept()
    {
        _context.WriteFile("shared/config.json", "{}");
        File.CreateSymbolicLink(Path.Combine(_context.Build, "current-shared"), "shared");
        File.CreateSymbolicLink(Path.Combine(_context.Build, "config.json"), "current-shared/config.json");

        await _context.CreateAsync();
        await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(Deploy, "current", "config.json")));
    }

    [UnixFact]
    public async Task AFileThatIsNotWorldReadableAndAClosedFolderKeepTheirModes()
    {
        string key = _context.WriteFile("secrets/master.key", "0123456789abcdef");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(Path.Combine(_context.Build, "secrets"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _context.WriteFile("public.txt", "hello");
        await _context.CreateAsync();

        await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy);

        string current = Path.Combine(Deploy, "current");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(current, "secrets", "master.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(current, "secrets")));
        Assert.Equal("0123456789abcdef", File.ReadAllText(Path.Combine(current, "secrets", "master.key")));
        Assert.Equal(Mode0755, File.GetUnixFileMode(Path.Combine(Deploy, "releases", "v1")));

        // A hard link would share the store blob's 0444: the key must be a copy of its own.
        string blob = _context.BlobPath((await _context.Service.GetAsync(ReleaseTestContext.App, "v1")).Files.Single(f => f.Path == "secrets/master.key").Sha256!);
        Assert.True(FileStamp.TryGet(blob, out FileStamp blobStamp));
        Assert.True(FileStamp.TryGet(Path.Combine(current, "secrets", "master.key"), out FileStamp keyStamp));
        Assert.NotEqual(blobStamp.Inode, keyStamp.Inode);

        // Publishing again finds the folder intact, modes included.
        Assert.True((await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy)).AlreadyLaidOut);
    }

    [UnixFact]
    public async Task ASymlinkedReleasesFolderIsRefusedAndNothingLandsInItsTarget()
    {
        _context.WriteFile("app.txt", "app");
        await _context.CreateAsync();
        string elsewhere = Path.Combine(_context.Root, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        Directory.CreateDirectory(Deploy);
        File.CreateSymbolicLink(Path.Combine(Deploy, "releases"), elsewhere);

        var error = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy));

        Assert.Equal(ProblemId.DestinationUnsafe, error.Problem);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        Assert.False(File.Exists(Path.Combine(Deploy, "current")) || new FileInfo(Path.Combine(Deploy, "current")).LinkTarget is not null);
    }

    [UnixFact]
    public async Task AReleasesFolderAnotherUserOwnsIsRefused()
    {
        if (!TwelveFactor.Core.Foundation.IO.UnixFileOwner.IsRoot)
        {
            return; // Only root can make a folder that another user owns; the check itself runs for every user.
        }

        _context.WriteFile("app.txt", "app");
        await _context.CreateAsync();
        string releases = Path.Combine(Deploy, "releases");
        Directory.CreateDirectory(releases);
        TwelveFactor.Core.Foundation.IO.UnixFileOwner.Set(releases, 4321, 4321);

        var error = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy));

        Assert.Equal(ProblemId.DestinationUnsafe, error.Problem);
        Assert.Empty(Directory.EnumerateFileSystemEntries(releases));
    }

    [UnixFact]
    public async Task ASymlinkedReleaseFolderIsRefusedAndCurrentIsNotSwitchedToIt()
    {
        _context.WriteFile("app.txt", "app");
        await _context.CreateAsync();
        string elsewhere = Path.Combine(_context.Root, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        Directory.CreateDirectory(Path.Combine(Deploy, "releases"));
        File.CreateSymbolicLink(Path.Combine(Deploy, "releases", "v1"), elsewhere);

        var error = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy));

        Assert.Equal(ProblemId.DestinationUnsafe, error.Problem);
        Assert.Null(new FileInfo(Path.Combine(Deploy, "current")).LinkTarget);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }

    [UnixFact]
    public async Task AnAlteredReleaseFolderIsRebuiltBeforeCurrentSwitchesToIt()
    {
        _context.WriteFile("app.js", "console.log('good')");
        await _context.CreateAsync();
        _context.WriteFile("app.js", "console.log('v2')");
        await _context.CreateAsync();
        await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy);
        await _context.Service.PublishAsync(ReleaseTestContext.App, "v2", Deploy);

        // Someone replaces v1's file (as a name, so the store is untouched) and plants another.
        string v1 = Path.Combine(Deploy, "releases", "v1");
        File.Delete(Path.Combine(v1, "app.js"));
        File.WriteAllText(Path.Combine(v1, "app.js"), "console.log('evil')");
        File.WriteAllText(Path.Combine(v1, "backdoor.js"), "evil");

        PublishResult rollback = await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy);

        Assert.False(rollback.AlreadyLaidOut);
        Assert.Equal("console.log('good')", File.ReadAllText(Path.Combine(Deploy, "current", "app.js")));
        Assert.False(File.Exists(Path.Combine(Deploy, "current", "backdoor.js")));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Path.Combine(Deploy, "releases")), e => Path.GetFileName(e).StartsWith('.'));
    }

    [Theory]
    [InlineData("../../../outside.txt")]
    [InlineData("/tmp/tf-absolute-from-manifest.txt")]
    [InlineData("a/../../outside.txt")]
    public async Task AManifestEditedInTheStoreIsRefusedBeforeAnythingIsCreated(string hostilePath)
    {
        _context.WriteFile("app.txt", "app");
        ReleaseRecord created = await _context.CreateAsync();
        ReleaseManifest manifest = await _context.Service.GetAsync(ReleaseTestContext.App, "v1");
        ReleaseFileEntry good = manifest.Files.Single();
        var files = new[] { good with { Path = hostilePath + "/x/y.txt" }, good };
        string buildDigest = ManifestCodec.BuildDigest(files);
        byte[] forged = ManifestCodec.Serialize(manifest.Release with { BuildDigest = buildDigest, FileCount = 2, Size = good.Size * 2 }, files, manifest.Config, out _);
        File.SetUnixFileMode(_context.ManifestPath("v1"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllBytes(_context.ManifestPath("v1"), forged);

        var error = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy));

        Assert.Equal(ProblemId.StoreVerificationFailed, error.Problem);
        Assert.False(Directory.Exists(Deploy));
        Assert.False(Directory.Exists(Path.Combine(_context.Root, "outside.txt")));
        Assert.False(Directory.Exists("/tmp/tf-absolute-from-manifest.txt"));
        ReleaseVerification verification = await _context.Service.VerifyAsync(ReleaseTestContext.App);
        Assert.False(verification.IsValid);
        Assert.NotNull(created);
    }

    [Fact]
    public async Task AForgedBlobDigestCannotNameAFileOutsideTheStore()
    {
        _context.WriteFile("app.txt", "app");
        await _context.CreateAsync();
        ReleaseManifest manifest = await _context.Service.GetAsync(ReleaseTestContext.App, "v1");
        var files = new[] { manifest.Files.Single() with { Sha256 = "../../../../etc/passwd" } };
        byte[] forged = ManifestCodec.Serialize(manifest.Release with { BuildDigest = ManifestCodec.BuildDigest(files) }, files, manifest.Config, out _);
        File.SetUnixFileMode(_context.ManifestPath("v1"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllBytes(_context.ManifestPath("v1"), forged);

        var error = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.GetAsync(ReleaseTestContext.App, "v1"));
        Assert.Equal(ProblemId.StoreVerificationFailed, error.Problem);
    }

    [Fact]
    public async Task AZipBombStopsAtTheExpandedSizeCapAndStoresNothing()
    {
        string archive = Path.Combine(_context.Root, "bomb.zip");
        using (ZipArchive zip = ZipFile.Open(archive, ZipArchiveMode.Create))
        {
            using Stream entry = zip.CreateEntry("zeros.bin", CompressionLevel.Optimal).Open();
            entry.Write(new byte[4 << 20]);
        }

        var service = new ReleaseService(_context.Store, new ReleaseServiceOptions { ArchiveLimits = new ArchiveLimits { MaxExpandedBytes = 1 << 20 } });
        var error = await Assert.ThrowsAsync<ReleaseException>(() => service.CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = archive, Config = ReleaseTestContext.SampleConfig }));

        Assert.Equal(ProblemId.ArchiveLimitExceeded, error.Problem);
        Assert.Contains(ModuleSettings.ArchiveMaxBytesVariable, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _context.ObjectCount());
        Assert.Empty(await _context.Service.ListAsync(ReleaseTestContext.App));
    }

    [Fact]
    public async Task AHighlyCompressedArchiveStopsAtTheRatioCapWithDefaultLimits()
    {
        // 160 MiB of zeros in a ~160 KiB gzip: a ratio of about 1000, past the default 200 once 64 MiB are out.
        string archive = Path.Combine(_context.Root, "bomb.tar.gz");
        using (FileStream file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "zeros.bin") { DataStream = new ZeroStream(160L << 20) };
            writer.WriteEntry(entry);
        }

        Assert.True(new FileInfo(archive).Length < (160L << 20) / 400, "the test archive compresses well enough");
        var error = await Assert.ThrowsAsync<ReleaseException>(() => _context.CreateAsync(buildPath: archive));
        Assert.Equal(ProblemId.ArchiveLimitExceeded, error.Problem);
        Assert.Contains(ModuleSettings.ArchiveMaxRatioVariable, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _context.ObjectCount());
    }

    [Fact]
    public async Task TooManyEntriesAndTooLongAPathAreRefused()
    {
        string many = Path.Combine(_context.Root, "many.zip");
        using (ZipArchive zip = ZipFile.Open(many, ZipArchiveMode.Create))
        {
            for (int i = 0; i < 20; i++)
            {
                zip.CreateEntry($"f{i}.txt");
            }
        }

        string deep = Path.Combine(_context.Root, "deep.zip");
        using (ZipArchive zip = ZipFile.Open(deep, ZipArchiveMode.Create))
        {
            zip.CreateEntry(string.Join('/', Enumerable.Repeat("abcdefghij", 20)) + "/x.txt");
        }

        var service = new ReleaseService(_context.Store, new ReleaseServiceOptions { ArchiveLimits = new ArchiveLimits { MaxEntries = 10, MaxPathLength = 100 } });
        var tooMany = await Assert.ThrowsAsync<ReleaseException>(() => service.CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = many, Config = ReleaseTestContext.SampleConfig }));
        var tooLong = await Assert.ThrowsAsync<ReleaseException>(() => service.CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = deep, Config = ReleaseTestContext.SampleConfig }));

        Assert.Equal(ProblemId.ArchiveLimitExceeded, tooMany.Problem);
        Assert.Contains(ModuleSettings.ArchiveMaxEntriesVariable, tooMany.Message, StringComparison.Ordinal);
        Assert.Equal(ProblemId.ArchiveLimitExceeded, tooLong.Problem);
        Assert.Contains(ModuleSettings.ArchiveMaxPathVariable, tooLong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArchiveLimitsComeFromTheEnvironmentAndBadSettingsAreClearErrors()
    {
        try
        {
            Environment.SetEnvironmentVariable(ModuleSettings.ArchiveMaxEntriesVariable, "12");
            Assert.Equal(12, ArchiveLimits.FromEnvironment().MaxEntries);
            Environment.SetEnvironmentVariable(ModuleSettings.ArchiveMaxEntriesVariable, "lots");
            var error = Assert.Throws<ReleaseException>(() => ArchiveLimits.FromEnvironment());
            Assert.Contains(ModuleSettings.ArchiveMaxEntriesVariable, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ModuleSettings.ArchiveMaxEntriesVariable, null);
        }
    }

    public void Dispose() => _context.Dispose();

    /// <summary>A stream of zeros of a given length, so a bomb is written without holding it in memory.</summary>
    private sealed class ZeroStream : Stream
    {
        private readonly long _length;
        private long _position;

        internal ZeroStream(long length) => _length = length;

        public override bool CanRead => true;

        // Seekable, because a tar writer over an unseekable gzip stream must know an entry's length up front.
        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => _length;

        public override long Position { get => _position; set => _position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, _length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) =>
            _position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => _length + offset };

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

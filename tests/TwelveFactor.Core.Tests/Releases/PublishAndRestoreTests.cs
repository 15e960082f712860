using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Releases;

public sealed class PublishAndRestoreTests : IDisposable
{
    private readonly ReleaseTestContext _context = new();

    private string Deploy => Path.Combine(_context.Root, "deploy");

    [Fact]
    public async Task PublishLaysOutTheReleaseAndSwitchesCurrent()
    {
        _context.WriteSampleBuild();
        File.CreateSymbolicLink(Path.Combine(_context.Build, "wwwroot", "home.html"), "index.html");
        await _context.CreateAsync();

        PublishResult result = await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy);

        string current = Path.Combine(Deploy, "current");
        Assert.Equal(current, result.CurrentPath);
        Assert.Equal(Path.Combine(Deploy, "releases", "v1"), result.ReleasePath);
        Assert.Equal(Path.Combine("releases", "v1"), new FileInfo(current).LinkTarget);
        Assert.Null(result.PreviousReleaseId);
        Assert.False(result.AlreadyLaidOut);
        foreach (string relative in new[] { "app.dll", "wwwroot/index.html", "wwwroot/css/site.css", "bin/start.sh", "data/big.bin" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_context.Build, relative)), File.ReadAllBytes(Path.Combine(current, relative)));
        }

        Assert.Equal("index.html", new FileInfo(Path.Combine(current, "wwwroot", "home.html")).LinkTarget);
        Assert.Equal(4, result.FilesLinked);
        Assert.Equal(1, result.FilesCopied);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(Path.Combine(current, "bin", "start.sh")) & UnixFileMode.UserExecute) != 0);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(current, ".env")));
        }

        string env = File.ReadAllText(Path.Combine(current, ".env"));
        Assert.Contains("PORT=8080\n", env, StringComparison.Ordinal);
        Assert.Contains("DATABASE_PASSWORD=hunter2-very-secret\n", env, StringComparison.Ordinal);
        Assert.Contains("GREETING='hello world'\n", env, StringComparison.Ordinal);

        PublishRecord record = Assert.Single(await _context.Service.GetPublishedAsync(ReleaseTestContext.App));
        Assert.Equal(("v1", Path.GetFullPath(Deploy)), (record.ReleaseId, record.Destination));
    }

    [Fact]
    public async Task PublishingALaterReleaseSwitchesCurrentAndKeepsTheOld()
    {
        _context.WriteFile("version.txt", "one");
        await _context.CreateAsync();
        _context.WriteFile("version.txt", "two");
        await _context.CreateAsync();

        await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy);
        PublishResult second = await _context.Service.PublishAsync(ReleaseTestContext.App, "v2", Deploy);

        Assert.Equal("v1", second.PreviousReleaseId);
        Assert.Equal("two", File.ReadAllText(Path.Combine(Deploy, "current", "version.txt")));
        Assert.Equal("one", File.ReadAllText(Path.Combine(Deploy, "releases", "v1", "version.txt")));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Deploy), e => Path.GetFileName(e).Contains(".tmp-", StringComparison.Ordinal));
        Assert.Equal("v2", Assert.Single(await _context.Service.GetPublishedAsync(ReleaseTestContext.App)).ReleaseId);

        PublishResult again = await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy);
        Assert.True(again.AlreadyLaidOut);
        Assert.Equal("one", File.ReadAllText(Path.Combine(Deploy, "current", "version.txt")));
    }

    [Fact]
    public async Task PublishedFilesAreHardLinksThatCannotChangeTheStore()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _context.WriteFile("config.json", "{\"a\":1}");
        ReleaseRecord release = await _context.CreateAsync();
        await _context.Service.PublishAsync(ReleaseTestContext.App, release.Id, Deploy);
        ReleaseFileEntry entry = Assert.Single((await _context.Service.GetAsync(ReleaseTestContext.App, release.Id)).Files);

        // Same inode as the blob: the blob's read-only mode is what the published file has.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Path.Combine(Deploy, "current", "config.json")));
        Assert.Equal(File.GetUnixFileMode(_context.BlobPath(entry.Sha256!)), File.GetUnixFileMode(Path.Combine(Deploy, "current", "config.json")));
    }

    [Fact]
    public async Task ABuildsOwnEnvFileIsReplacedWithoutWritingThroughToTheStore()
    {
        _context.WriteFile(".env", "FROM_BUILD=1\n");
        ReleaseRecord release = await _context.CreateAsync();
        await _context.Service.PublishAsync(ReleaseTestContext.App, release.Id, Deploy);

        Assert.Contains("PORT=8080", File.ReadAllText(Path.Combine(Deploy, "current", ".env")), StringComparison.Ordinal);
        Assert.True((await _context.Service.VerifyAsync(ReleaseTestContext.App)).IsValid);
    }

    [Fact]
    public async Task ARealFolderNamedCurrentIsNotReplaced()
    {
        _context.WriteFile("a.txt", "a");
        await _context.CreateAsync();
        Directory.CreateDirectory(Path.Combine(Deploy, "current"));
        File.WriteAllText(Path.Combine(Deploy, "current", "keep.txt"), "mine");

        var error = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy));
        Assert.Equal(ProblemId.DestinationNotSwitchable, error.Problem);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Deploy, "current", "keep.txt")));
    }

    [Fact]
    public async Task RestoreMakesANewReleaseWithTheOldBuildAndConfig()
    {
        _context.WriteFile("version.txt", "one");
        ReleaseRecord v1 = await _context.CreateAsync("first");
        _context.WriteFile("version.txt", "two");
        await _context.CreateAsync("second", new[] { new ConfigSnapshotEntry("PORT", "9090", false) });

        ReleaseRecord restored = await _context.Service.RestoreAsync(ReleaseTestContext.App, "v1");

        Assert.Equal("v3", restored.Id);
        Assert.Equal("v1", restored.RestoredFrom);
        Assert.Equal("Restore of v1", restored.Description);
        Assert.Equal((v1.BuildDigest, v1.ConfigDigest), (restored.BuildDigest, restored.ConfigDigest));
        Assert.True((await _context.Service.CompareAsync(ReleaseTestContext.App, "v1", "v3")).IsIdentical);

        await _context.Service.PublishAsync(ReleaseTestContext.App, "v3", Deploy);
        Assert.Equal("one", File.ReadAllText(Path.Combine(Deploy, "current", "version.txt")));
        Assert.Contains("DATABASE_PASSWORD=hunter2-very-secret", File.ReadAllText(Path.Combine(Deploy, "current", ".env")), StringComparison.Ordinal);
        Assert.Equal(new[] { "v3", "v2", "v1" }, (await _context.Service.ListAsync(ReleaseTestContext.App)).Select(r => r.Id));
    }

    [Fact]
    public async Task RestoreOfAnEncryptedReleaseNeedsNoKeyButPublishDoes()
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        ReleaseService withKey = _context.NewService(key);
        _context.WriteFile("a.txt", "a");
        await withKey.CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = _context.Build, Config = ReleaseTestContext.SampleConfig });

        ReleaseService withoutKey = _context.NewService();
        ReleaseRecord restored = await withoutKey.RestoreAsync(ReleaseTestContext.App, "v1");
        var error = await Assert.ThrowsAsync<ReleaseException>(() => withoutKey.PublishAsync(ReleaseTestContext.App, restored.Id, Deploy));
        Assert.Equal(ProblemId.EncryptionKeyRequired, error.Problem);
        Assert.False(Directory.Exists(Path.Combine(Deploy, "current")));

        await withKey.PublishAsync(ReleaseTestContext.App, restored.Id, Deploy);
        Assert.Contains("DATABASE_PASSWORD=hunter2-very-secret", File.ReadAllText(Path.Combine(Deploy, "current", ".env")), StringComparison.Ordinal);
    }

    public void Dispose() => _context.Dispose();
}

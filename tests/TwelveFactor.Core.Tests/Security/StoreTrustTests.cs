using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Releases.Stores;
using TwelveFactor.Core.Tests.AdminProcesses;
using TwelveFactor.Core.Tests.Releases;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Security;

/// <summary>The store never builds on bad bytes, keeps encrypted stores encrypted, and reading never creates a store.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StoreTrustTests : IDisposable
{
    private readonly ReleaseTestContext _context = new();

    private string Deploy => Path.Combine(_context.Root, "deploy");

    // What `echo fix >> current/app.js` does to the stored blob behind a hard-linked published file.
    private void WriteThroughPublishedLink(string relative, string appended)
    {
        string published = Path.Combine(Deploy, "current", relative);
        File.SetUnixFileMode(published, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.AppendAllText(published, appended);
    }

    [UnixFact]
    public async Task ADamagedBlobIsNeverReusedAndANewReleaseStoresGoodBytesOverIt()
    {
        _context.WriteFile("app.js", "console.log('good')");
        await _context.CreateAsync();
        await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy);
        WriteThroughPublishedLink("app.js", "\nfix");

        // The original build again: the release must carry the good bytes, stored anew.
        await _context.CreateAsync();
        ReleaseManifest v2 = await _context.Service.GetAsync(ReleaseTestContext.App, "v2");
        string blob = _context.BlobPath(v2.Files.Single().Sha256!);
        Assert.Equal("console.log('good')", File.ReadAllText(blob));
        Assert.True((await _context.Service.VerifyAsync(ReleaseTestContext.App)).IsValid);
    }

    [UnixFact]
    public async Task PublishAndRestoreStopBeforeTouchingTheDestinationWhenABlobIsDamaged()
    {
        _context.WriteFile("app.js", "console.log('good')");
        await _context.CreateAsync();
        _context.WriteFile("app.js", "console.log('v2')");
        await _context.CreateAsync();
        await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy);
        WriteThroughPublishedLink("app.js", "\nfix");
        string other = Path.Combine(_context.Root, "other");

        var publish = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.PublishAsync(ReleaseTestContext.App, "v1", other));
        var restore = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.RestoreAsync(ReleaseTestContext.App, "v1"));

        Assert.Equal(ProblemId.StoreVerificationFailed, publish.Problem);
        Assert.Contains("app.js", publish.Message, StringComparison.Ordinal);
        Assert.Equal(ProblemId.StoreVerificationFailed, restore.Problem);
        Assert.False(Directory.Exists(other));
        Assert.Equal(2, (await _context.Service.ListAsync(ReleaseTestContext.App)).Count);
    }

    [UnixFact]
    public async Task RepairHealsFromTheBuildAndReportsWhatItCannot()
    {
        _context.WriteFile("app.js", "console.log('good')");
        _context.WriteFile("gone.txt", "only in the store");
        await _context.CreateAsync();
        await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy);
        WriteThroughPublishedLink("app.js", "\nfix");
        WriteThroughPublishedLink("gone.txt", "\nchanged");
        File.Delete(Path.Combine(_context.Build, "gone.txt"));

        RepairResult repair = await _context.Service.RepairAsync(ReleaseTestContext.App, null, _context.Build);

        Assert.Equal(new[] { "v1:app.js" }, repair.Healed);
        Assert.Equal(new[] { "v1:gone.txt" }, repair.NotHealed);
        ReleaseVerification after = await _context.Service.VerifyAsync(ReleaseTestContext.App);
        Assert.Single(after.Findings, f => f.Kind == VerificationFindingKind.BlobCorrupt);
    }

    [Fact]
    public async Task AnEncryptedStoreRefusesAReleaseWithoutTheKey()
    {
        _context.WriteFile("a.txt", "a");
        await _context.NewService(RandomNumberGenerator.GetBytes(32)).CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = _context.Build, Config = ReleaseTestContext.SampleConfig });

        var error = await Assert.ThrowsAsync<ReleaseException>(() => _context.NewService().CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = _context.Build, Config = ReleaseTestContext.SampleConfig }));

        Assert.Equal(ProblemId.EncryptionKeyRequired, error.Problem);
        Assert.Single(await _context.Service.ListAsync(ReleaseTestContext.App));
    }

    [Fact]
    public void AReadingCommandNeverCreatesAStore()
    {
        string typo = Path.Combine(_context.Root, "stor");
        var error = Assert.Throws<ReleaseException>(() => ReleaseStoreLocator.FromSetting(typo, createIfMissing: false));
        Assert.Equal(ProblemId.StoreNotFound, error.Problem);
        Assert.False(Directory.Exists(typo));
        using IReleaseStore existing = ReleaseStoreLocator.FromSetting(_context.StoreRoot, createIfMissing: false);
        Assert.Equal(_context.StoreRoot, existing.DisplayLocation);
    }

    [UnixFact]
    public async Task ARemovedReleaseLeavesNoFolderInItsDestinationsAndAGonePublicationHoldsNothing()
    {
        for (int i = 1; i <= 3; i++)
        {
            _context.WriteFile("version.txt", "v" + i);
            await _context.CreateAsync();
        }

        await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Deploy);
        await _context.Service.PublishAsync(ReleaseTestContext.App, "v2", Deploy);
        string other = Path.Combine(_context.Root, "gone");
        await _context.Service.PublishAsync(ReleaseTestContext.App, "v1", other);
        Directory.Delete(other, recursive: true); // the published folder is gone: v1 is published nowhere

        PruneResult result = await _context.Service.RemoveAsync(ReleaseTestContext.App, new[] { "v1" });

        Assert.Equal(new[] { "v1" }, result.Removed);
        Assert.Equal(new[] { Path.Combine(Deploy, "releases", "v1") }, result.FoldersRemoved);
        Assert.True(Directory.Exists(Path.Combine(Deploy, "releases", "v2")));
        Assert.Equal("v2", File.ReadAllText(Path.Combine(Deploy, "current", "version.txt")));

        // The current one stays in use, unless forced; then its running folder stays.
        var inUse = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.RemoveAsync(ReleaseTestContext.App, new[] { "v2" }));
        Assert.Equal(ProblemId.ReleaseInUse, inUse.Problem);
        PruneResult forced = await _context.Service.RemoveAsync(ReleaseTestContext.App, new[] { "v2" }, force: true);
        Assert.Equal(new[] { "v2" }, forced.Removed);
        Assert.True(Directory.Exists(Path.Combine(Deploy, "releases", "v2")));
    }

    [Fact]
    public void CloningFallsBackCleanlyWhereTheFileSystemCannot()
    {
        string source = _context.WriteFile("x.bin", "content");
        string target = Path.Combine(_context.Root, "clone.bin");
        if (!NativeFileSystem.TryClone(source, target, UnixFileMode.UserRead | UnixFileMode.UserWrite))
        {
            Assert.False(File.Exists(target));
            return;
        }

        Assert.Equal("content", File.ReadAllText(target));
        File.AppendAllText(target, "!");
        Assert.Equal("content", File.ReadAllText(source));
    }

    public void Dispose() => _context.Dispose();
}

using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Tests.AdminProcesses;
using TwelveFactor.Core.Tests.Releases;

namespace TwelveFactor.Core.Tests.Security;

/// <summary>
/// A store's files replaced by a fifo (whose open for reading waits for a writer), a link (to another file, to
/// /dev/zero) or a device: every read refuses them at once, naming the file; none waits, none reads elsewhere.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostileStoreFileTests : IDisposable
{
    private readonly ReleaseTestContext _context = new();

    private string ManifestPath(string id) => Path.Combine(_context.StoreRoot, "apps", ReleaseTestContext.App, "releases", id + ".json");

    private static void MakeLink(string path, string target)
    {
        File.Delete(path);
        File.CreateSymbolicLink(path, target);
    }

    private async Task<ReleaseException> RefusedAsync<T>(Func<Task<T>> work)
    {
        var refused = await Assert.ThrowsAsync<ReleaseException>(() => Fifos.WithinPatience(work));
        Assert.Equal(ProblemId.StoreVerificationFailed, refused.Problem);
        return refused;
    }

    [UnixFact]
    public async Task AManifestThatIsAFifoALinkOrADeviceIsRefusedNamingIt()
    {
        _context.WriteSampleBuild();
        await _context.CreateAsync(config: ReleaseTestContext.SampleConfig);
        await _context.CreateAsync(config: ReleaseTestContext.SampleConfig);
        string v2 = ManifestPath("v2");
        string copy = Path.Combine(_context.Root, "v2-copy.json");
        File.Copy(v2, copy);

        Fifos.Make(v2);
        ReleaseException fifo = await RefusedAsync(() => _context.Service.GetAsync(ReleaseTestContext.App, "v2"));
        Assert.Contains($"'{v2}' is a fifo, not a regular file", fifo.Message, StringComparison.Ordinal);
        await RefusedAsync(() => _context.Service.ListAsync(ReleaseTestContext.App));
        // A new release reads the newest manifest of each app (are its secrets encrypted?): refused, not waiting.
        await RefusedAsync(() => _context.CreateAsync(config: ReleaseTestContext.SampleConfig));

        // The same manifest, through a link: never read as the store's own.
        MakeLink(v2, copy);
        ReleaseException link = await RefusedAsync(() => _context.Service.GetAsync(ReleaseTestContext.App, "v2"));
        Assert.Contains("is a symbolic link, not a regular file", link.Message, StringComparison.Ordinal);

        // A link to a file that never ends.
        MakeLink(v2, "/dev/zero");
        await RefusedAsync(() => _context.Service.GetAsync(ReleaseTestContext.App, "v2"));

        // Put back, the store reads again.
        File.Delete(v2);
        File.Move(copy, v2);
        Assert.Equal("v2", (await _context.Service.GetAsync(ReleaseTestContext.App, "v2")).Release.Id);
    }

    [UnixFact]
    public async Task ASaltThatIsAFifoIsRefused()
    {
        _context.WriteSampleBuild();
        await _context.CreateAsync(config: ReleaseTestContext.SampleConfig);
        Fifos.Make(Path.Combine(_context.StoreRoot, "salt"));

        ReleaseException refused = await RefusedAsync(() => _context.CreateAsync(config: ReleaseTestContext.SampleConfig));
        Assert.Contains("salt' is a fifo", refused.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task ABlobThatIsAFifoIsDamageAndIsNeverLaidOut()
    {
        _context.WriteFile("app.js", string.Empty);
        _context.WriteFile("readme.txt", "read me");
        await _context.CreateAsync();
        ReleaseManifest v1 = await _context.Service.GetAsync(ReleaseTestContext.App, "v1");
        // The empty file's blob: a fifo's size (0) is the size the manifest expects.
        Fifos.Make(_context.BlobPath(v1.Files.Single(f => f.Path == "app.js").Sha256!));

        ReleaseVerification verification = await Fifos.WithinPatience(() => _context.Service.VerifyAsync(ReleaseTestContext.App));
        Assert.False(verification.IsValid);
        string deploy = Path.Combine(_context.Root, "deploy");
        await Assert.ThrowsAsync<ReleaseException>(() => Fifos.WithinPatience(() => _context.Service.PublishAsync(ReleaseTestContext.App, "v1", deploy)));
        Assert.False(Directory.Exists(Path.Combine(deploy, "releases", "v1")));
    }

    [UnixFact]
    public async Task AStatCacheThatIsAFifoIsNoCache()
    {
        _context.WriteSampleBuild();
        await _context.CreateAsync();
        string cache = Assert.Single(Directory.GetFiles(Path.Combine(_context.StoreRoot, "cache")));
        Fifos.Make(cache);

        ReleaseRecord v2 = await Fifos.WithinPatience(() => _context.CreateAsync());
        Assert.Equal("v2", v2.Id);
        Assert.True((await _context.Service.VerifyAsync(ReleaseTestContext.App)).IsValid);
    }

    [UnixFact]
    public async Task AnAuditLogThatIsAFifoIsRefused()
    {
        string folder = Path.Combine(_context.Root, "audit");
        Directory.CreateDirectory(folder);
        Fifos.Make(Path.Combine(folder, AdminTaskAuditLog.FileName));

        var log = new AdminTaskAuditLog(folder);
        await Assert.ThrowsAsync<NotRegularFileException>(() => Fifos.WithinPatience(() => log.ReadLastAsync(10, null, null, null, default)));
    }

    public void Dispose() => _context.Dispose();
}

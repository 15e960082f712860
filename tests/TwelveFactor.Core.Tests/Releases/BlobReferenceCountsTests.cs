using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;
using Xunit;

namespace TwelveFactor.Core.Tests.Releases;

/// <summary>
/// Garbage collection keeps each app's blob reference counts beside its manifests: once they exist, removing a few
/// releases reads those few manifests, never the rest, and frees exactly what only they referred to. Counts that no
/// longer match the manifests, for any reason, are never trusted: every manifest is read again, as before.
/// </summary>
public sealed class BlobReferenceCountsTests : IDisposable
{
    private readonly ReleaseTestContext _context = new();
    private readonly InterruptingStore _counting;
    private readonly ReleaseService _service;

    public BlobReferenceCountsTests()
    {
        _counting = new InterruptingStore(_context.Store, new CancellationTokenSource(), int.MaxValue);
        _service = new ReleaseService(_counting, new ReleaseServiceOptions { EncryptionKey = _context.Key });
        _context.WriteSampleBuild();
    }

    private string CountsPath(string app = ReleaseTestContext.App) => Path.Combine(_context.StoreRoot, "apps", app, "blob-references");

    public void Dispose() => _context.Dispose();

    // Each release: the sample build, a VERSION only it has, and a shared file every release since #3 has.
    private async Task<List<string>> CreateAsync(int count, string app = ReleaseTestContext.App)
    {
        var versions = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string version = app + " version " + Guid.NewGuid();
            _context.WriteFile("VERSION", version);
            versions.Add(version);
            await _service.CreateAsync(new ReleaseRequest { App = app, BuildPath = _context.Build, Config = ReleaseTestContext.SampleConfig });
        }

        return versions;
    }

    private static string Sha(string content) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(content))).ToLowerInvariant();

    private bool Stored(string content) => File.Exists(_context.BlobPath(Sha(content)));

    [Fact]
    public async Task OnceCountedRemovingAFewReleasesReadsOnlyTheirManifests()
    {
        List<string> versions = await CreateAsync(12);

        // The first collection has no counts: it reads all 11 remaining manifests and writes the counts.
        await _service.PruneAsync(ReleaseTestContext.App, keepLast: 11);
        Assert.True(File.Exists(CountsPath()));
        Assert.False(Stored(versions[0]));

        // Now removing two of eleven reads the two, not the nine that stay.
        _counting.ManifestsRead = 0;
        PruneResult result = await _service.PruneAsync(ReleaseTestContext.App, keepLast: 9);

        Assert.Equal(new[] { "v3", "v2" }, result.Removed);
        Assert.Equal(2, _counting.ManifestsRead);
        Assert.Equal(2, result.GarbageCollection!.BlobsRemoved);
        Assert.False(Stored(versions[1]));
        Assert.False(Stored(versions[2]));
        Assert.All(versions.Skip(3), v => Assert.True(Stored(v), v));
        Assert.True((await _service.VerifyAsync(ReleaseTestContext.App)).IsValid);
    }

    [Fact]
    public async Task CountsAreAddedToForReleasesMadeSinceAndRemovalByIdUsesThemToo()
    {
        List<string> versions = await CreateAsync(6);
        await _service.PruneAsync(ReleaseTestContext.App, keepLast: 5);
        versions.AddRange(await CreateAsync(3));

        _counting.ManifestsRead = 0;
        PruneResult result = await _service.RemoveAsync(ReleaseTestContext.App, new[] { "v4" });

        // v4's manifest before it went, and the three releases made since the counts were written.
        Assert.Equal(4, _counting.ManifestsRead);
        Assert.Equal(1, result.GarbageCollection!.BlobsRemoved);
        Assert.False(Stored(versions[3]));
        Assert.True(Stored(versions[4]));
        Assert.True((await _service.VerifyAsync(ReleaseTestContext.App)).IsValid);
    }

    [Fact]
    public async Task AManifestRemovedByHandMakesTheCollectionCountAgain()
    {
        List<string> versions = await CreateAsync(6);
        await _service.PruneAsync(ReleaseTestContext.App, keepLast: 5);

        // As a crash between deleting manifests and writing the counts leaves it, or a hand in the store.
        File.Delete(_context.ManifestPath("v3"));
        _counting.ManifestsRead = 0;
        PruneResult result = await _service.RemoveAsync(ReleaseTestContext.App, new[] { "v5" });

        // The counts no longer match (v3 left unseen), so v5 is not read before it goes; every release that stays
        // (v2, v4, v6) is read instead.
        Assert.Equal(3, _counting.ManifestsRead);
        Assert.False(Stored(versions[2]));
        Assert.False(Stored(versions[4]));
        Assert.True(Stored(versions[3]));
        Assert.True((await _service.VerifyAsync(ReleaseTestContext.App)).IsValid);
    }

    [Fact]
    public async Task CountsThatDoNotParseOrWhoseManifestMovedAreNotTrusted()
    {
        List<string> versions = await CreateAsync(5);
        await _service.PruneAsync(ReleaseTestContext.App, keepLast: 4);

        // Counts with a line that is no blob count are not used at all.
        string text = File.ReadAllText(CountsPath());
        File.WriteAllText(CountsPath(), text + "B\t" + new string('z', 64) + "\t1\n");
        await _service.RemoveAsync(ReleaseTestContext.App, new[] { "v2" });
        Assert.True(Stored(versions[2]));
        Assert.False(Stored(versions[1]));

        // A manifest touched since it was counted: its stamp moved, so the releases that stay (v4, v5) are counted
        // again and the touched one is not trusted to say what it referred to.
        File.SetLastWriteTimeUtc(_context.ManifestPath("v3"), DateTime.UtcNow);
        _counting.ManifestsRead = 0;
        await _service.RemoveAsync(ReleaseTestContext.App, new[] { "v3" });
        Assert.Equal(2, _counting.ManifestsRead);
        Assert.False(Stored(versions[2]));
        Assert.True((await _service.VerifyAsync(ReleaseTestContext.App)).IsValid);
    }

    [Fact]
    public async Task ABlobAnotherAppStillRefersToStays()
    {
        await CreateAsync(4, "other");
        await CreateAsync(4);
        await _service.PruneAsync(ReleaseTestContext.App, keepLast: 3);
        await _service.PruneAsync("other", keepLast: 3);

        // The sample build's files are shared by both apps; removing two of this app's releases leaves them.
        await _service.PruneAsync(ReleaseTestContext.App, keepLast: 1);
        Assert.True((await _service.VerifyAsync("other")).IsValid);
        Assert.True((await _service.VerifyAsync(ReleaseTestContext.App)).IsValid);
    }

    [Fact]
    public void ParseRefusesAnythingButItsOwnFormat()
    {
        string sha = new string('a', 64);
        Assert.NotNull(BlobReferenceCounts.Parse(Encoding.UTF8.GetBytes(BlobReferenceCounts.Format + "\nR\tv1\t1:2\nB\t" + sha + "\t2\n")));
        Assert.Null(BlobReferenceCounts.Parse(null));
        Assert.Null(BlobReferenceCounts.Parse(Encoding.UTF8.GetBytes("something/v1\n")));
        Assert.Null(BlobReferenceCounts.Parse(Encoding.UTF8.GetBytes(BlobReferenceCounts.Format + "\nB\t" + sha + "\t0\n")));
        Assert.Null(BlobReferenceCounts.Parse(Encoding.UTF8.GetBytes(BlobReferenceCounts.Format + "\nB\t" + sha + "\t1\nB\t" + sha + "\t1\n")));
        Assert.Null(BlobReferenceCounts.Parse(Encoding.UTF8.GetBytes(BlobReferenceCounts.Format + "\nR\t../x\t1\n")));
        Assert.Null(BlobReferenceCounts.Parse(new byte[] { 0xff, 0xfe }));
    }
}

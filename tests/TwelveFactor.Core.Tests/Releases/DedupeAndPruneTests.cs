using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;

namespace TwelveFactor.Core.Tests.Releases;

/// <summary>Content is stored once; pruning keeps the newest and the published; collection frees the rest.</summary>
public sealed class DedupeAndPruneTests : IDisposable
{
    private readonly ReleaseTestContext _context = new();

    [Fact]
    public async Task ASecondReleaseWithOneChangedFileStoresAboutOneFile()
    {
        var random = new Random(42);
        for (int i = 0; i < 200; i++)
        {
            byte[] content = new byte[4096 + random.Next(8192)];
            random.NextBytes(content);
            _context.WriteFile($"lib/part{i:D3}.bin", content);
        }

        await _context.CreateAsync();
        long before = _context.ObjectBytes();
        int blobsBefore = _context.ObjectCount();

        byte[] changed = new byte[10_000];
        random.NextBytes(changed);
        _context.WriteFile("lib/part100.bin", changed);
        await _context.CreateAsync();

        Assert.Equal(changed.Length, _context.ObjectBytes() - before);
        Assert.Equal(blobsBefore + 1, _context.ObjectCount());

        ReleaseComparison comparison = await _context.Service.CompareAsync(ReleaseTestContext.App, "v1", "v2");
        ReleaseFileChange change = Assert.Single(comparison.Files);
        Assert.Equal(("lib/part100.bin", ReleaseChangeKind.Changed), (change.Path, change.Kind));
    }

    [Fact]
    public async Task IdenticalFilesAreStoredOnce()
    {
        for (int i = 0; i < 10; i++)
        {
            _context.WriteFile($"copy{i}.txt", "the same bytes in every file");
        }

        ReleaseRecord release = await _context.CreateAsync();
        Assert.Equal(10, release.FileCount);
        Assert.Equal(1, _context.ObjectCount());
    }

    [Fact]
    public async Task PruneKeepsTheNewestAndThePublishedAndCollectsTheirContent()
    {
        for (int n = 1; n <= 5; n++)
        {
            _context.WriteFile("shared.txt", "in every release");
            _context.WriteFile("version.txt", "release " + n);
            await _context.CreateAsync();
        }

        string deploy = Path.Combine(_context.Root, "deploy");
        await _context.Service.PublishAsync(ReleaseTestContext.App, "v2", deploy);
        Assert.Equal(6, _context.ObjectCount());

        PruneResult result = await _context.Service.PruneAsync(ReleaseTestContext.App, keepLast: 2);

        Assert.Equal(new[] { "v3", "v1" }, result.Removed);
        Assert.Equal(new[] { "v2" }, result.KeptPublished);
        Assert.Empty(result.Skipped);
        Assert.Equal(new[] { "v5", "v4", "v2" }, (await _context.Service.ListAsync(ReleaseTestContext.App)).Select(r => r.Id));
        Assert.NotNull(result.GarbageCollection);
        Assert.Equal(2, result.GarbageCollection!.BlobsRemoved);
        Assert.Equal("release 1".Length + "release 3".Length, result.GarbageCollection.BytesFreed);
        Assert.Equal(4, _context.ObjectCount());
        Assert.True((await _context.Service.VerifyAsync(ReleaseTestContext.App)).IsValid);

        // Ids are never reused: the newest always survives pruning.
        Assert.Equal("v6", (await _context.CreateAsync()).Id);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _context.Service.PruneAsync(ReleaseTestContext.App, keepLast: 0));
    }

    [Fact]
    public async Task PruneAsksBeforeEachRemovalAndHonoursNo()
    {
        for (int n = 1; n <= 3; n++)
        {
            _context.WriteFile("version.txt", "release " + n);
            await _context.CreateAsync();
        }

        var asked = new System.Collections.Generic.List<string>();
        PruneResult result = await _context.Service.PruneAsync(ReleaseTestContext.App, 1, (target, action) =>
        {
            asked.Add(target + ": " + action);
            return false;
        });

        Assert.Equal(new[] { "shop v2: Remove release", "shop v1: Remove release" }, asked);
        Assert.Empty(result.Removed);
        Assert.Equal(new[] { "v2", "v1" }, result.Skipped);
        Assert.Null(result.GarbageCollection);
        Assert.Equal(3, (await _context.Service.ListAsync(ReleaseTestContext.App)).Count);
        Assert.Equal(3, _context.ObjectCount());
    }

    public void Dispose() => _context.Dispose();
}

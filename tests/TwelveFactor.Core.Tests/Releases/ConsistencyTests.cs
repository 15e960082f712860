using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;

namespace TwelveFactor.Core.Tests.Releases;

/// <summary>Concurrent creates and interrupted creates leave a consistent store with no id gaps.</summary>
public sealed class ConsistencyTests : IDisposable
{
    private readonly ReleaseTestContext _context = new();

    [Fact]
    public async Task ParallelCreatesGetDistinctIdsAndAllSucceed()
    {
        _context.WriteSampleBuild();
        for (int i = 0; i < 40; i++)
        {
            _context.WriteFile($"many/file{i}.txt", "content " + i);
        }

        // Separate services (as separate processes would be) over the same folder.
        var creates = Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            _context.NewService().CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = _context.Build, Description = "parallel " + i }))).ToList();
        ReleaseRecord[] releases = await Task.WhenAll(creates);

        Assert.Equal(Enumerable.Range(1, 6).Select(n => "v" + n), releases.Select(r => r.Id).OrderBy(ReleaseNames.Number));
        Assert.Equal(6, (await _context.Service.ListAsync(ReleaseTestContext.App)).Count);
        Assert.True((await _context.Service.VerifyAsync(ReleaseTestContext.App)).IsValid);
    }

    [Fact]
    public async Task AnInterruptedCreateLeavesNoReleaseAndNoIdGap()
    {
        _context.WriteSampleBuild();
        for (int i = 0; i < 50; i++)
        {
            _context.WriteFile($"many/file{i}.txt", "content " + i);
        }

        ReleaseRecord first = await _context.CreateAsync("before");
        _context.WriteFile("changed.txt", "new in the second release");
        for (int i = 0; i < 50; i++)
        {
            _context.WriteFile($"many/file{i}.txt", "changed content " + i);
        }

        using var cancel = new CancellationTokenSource();
        var interrupting = new InterruptingStore(_context.Store, cancel, blobsBeforeCancel: 10);
        var service = new ReleaseService(interrupting, new ReleaseServiceOptions { MaxDegreeOfParallelism = 2 });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            service.CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = _context.Build }, null, cancel.Token));
        Assert.True(interrupting.BlobsWritten >= 10);

        // The store holds only v1, which still verifies; the next release is v2.
        Assert.Equal(new[] { first.Id }, (await _context.Service.ListAsync(ReleaseTestContext.App)).Select(r => r.Id));
        Assert.True((await _context.Service.VerifyAsync(ReleaseTestContext.App)).IsValid);
        ReleaseRecord next = await _context.CreateAsync("after");
        Assert.Equal("v2", next.Id);
        Assert.True((await _context.Service.VerifyAsync(ReleaseTestContext.App)).IsValid);
    }

    [Fact]
    public async Task ACrashBeforeTheCommitStepLeavesOnlyTempFilesThatCollectionRemoves()
    {
        _context.WriteSampleBuild();
        await _context.CreateAsync();

        // What a process killed between writing the manifest aside and linking it into place leaves behind.
        string releases = Path.GetDirectoryName(_context.ManifestPath("v1"))!;
        File.WriteAllText(Path.Combine(releases, ".v2.json.tmp-deadbeef0000"), "{\"half\":");
        string objects = Path.Combine(_context.StoreRoot, "objects", "ab");
        Directory.CreateDirectory(objects);
        File.WriteAllText(Path.Combine(objects, ".ab" + new string('0', 62) + ".tmp-deadbeef0001"), "partial blob");

        Assert.Single(await _context.Service.ListAsync(ReleaseTestContext.App));
        Assert.Equal("v2", (await _context.CreateAsync()).Id);
        GarbageCollectionResult collected = await _context.Service.CollectGarbageAsync();
        Assert.Equal(2, collected.TemporaryFilesRemoved);
        Assert.Equal(0, collected.BlobsRemoved);
        Assert.True((await _context.Service.VerifyAsync(ReleaseTestContext.App)).IsValid);
    }

    public void Dispose() => _context.Dispose();
}

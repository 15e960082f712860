using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;

using TwelveFactor.Core.Foundation.IO;
namespace TwelveFactor.Core.Tests.Releases;

/// <summary>Unchanged files are known by their stamp; any change, even with size and mtime kept, is hashed again.</summary>
public sealed class StatCacheTests : IDisposable
{
    private readonly ReleaseTestContext _context = new();

    private string CachePath => Path.Combine(_context.Root, "statcache.json");

    [Fact]
    public async Task UnchangedFilesAreNotReadAgainAndChangedOnesAre()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        for (int i = 0; i < 30; i++)
        {
            _context.WriteFile($"f{i:D2}.txt", "content number " + i);
        }

        // Files written within the racy window of a scan are never trusted; let them age past it.
        Thread.Sleep(StatCache.RacyWindow + TimeSpan.FromMilliseconds(300));
        (int firstRead, var first) = await IngestAsync();
        (int secondRead, var second) = await IngestAsync();
        Assert.Equal(30, firstRead);
        Assert.Equal(0, secondRead);
        Assert.Equal(first, second);

        // Same size, mtime put back: only the change time tells, and it does.
        string path = Path.Combine(_context.Build, "f07.txt");
        DateTime mtime = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, "content number X");
        File.SetLastWriteTimeUtc(path, mtime);
        (int thirdRead, var third) = await IngestAsync();
        Assert.Equal(1, thirdRead);
        Assert.NotEqual(first.Single(e => e.Path == "f07.txt").Sha256, third.Single(e => e.Path == "f07.txt").Sha256);
        Assert.Equal(first.Where(e => e.Path != "f07.txt"), third.Where(e => e.Path != "f07.txt"));
    }

    [Fact]
    public async Task AStampDifferingOnlyInChangeTimeIsNotTrusted()
    {
        var stamp = new FileStamp(1, 2, 3, 1_000_000_000, 2_000_000_000);
        string sha = new string('a', 64);
        File.WriteAllText(CachePath, "twelvefactor-statcache/2\t100000000000\n1\t2\t3\t1000000000\t2000000000\t" + sha + "\tx\n");
        StatCache cache = await StatCache.LoadAsync(CachePath, default);

        Assert.Equal(sha, cache.Lookup("x", stamp));
        Assert.Null(cache.Lookup("x", stamp with { ChangedNs = 2_000_000_001 }));
        Assert.Null(cache.Lookup("x", stamp with { Inode = 9 }));
        Assert.Null(cache.Lookup("y", stamp));

        // Changed within the racy window before the scan: not trusted.
        Assert.Null(cache.Lookup("x", stamp with { ChangedNs = 99_000_000_000 }));
        File.WriteAllText(CachePath, "twelvefactor-statcache/2\t3000000000\n1\t2\t3\t1000000000\t2000000000\t" + sha + "\tx\n");
        Assert.Null((await StatCache.LoadAsync(CachePath, default)).Lookup("x", stamp));
    }

    [Fact]
    public async Task ABlobRemovedFromTheStoreIsStoredAgainThoughItsFileIsUnchanged()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        for (int i = 0; i < 20; i++)
        {
            _context.WriteFile($"f{i:D2}.txt", "blob folder content " + i);
        }

        TimeSpan aged = StatCache.RacyWindow + TimeSpan.FromMilliseconds(300);
        Thread.Sleep(aged);
        (int firstRead, var first) = await IngestAsync();
        Assert.Equal(20, firstRead);

        // The blob folders this release wrote to age past the racy window; the next scan records their stamps.
        Thread.Sleep(aged);
        (int secondRead, _) = await IngestAsync();
        Assert.Equal(0, secondRead);

        // Now every blob the cache names is known to be in the store without a stat of its own...
        string sha = first.Single(e => e.Path == "f05.txt").Sha256!;
        StatCache cache = StatCache.Load(CachePath, StatCache.NowNs(), CancellationToken.None);
        cache.TrustBlobFolders(_context.Store.BlobFolderStamps());
        Assert.All(first, e => Assert.True(cache.IsKnownInStore(e.Sha256!), e.Path));

        // ...until something removes one (garbage collection, or a hand in the store): its folder's stamp moves,
        // so that folder's blobs are checked again and the missing one is stored again from the unchanged file.
        File.Delete(_context.BlobPath(sha));
        StatCache after = StatCache.Load(CachePath, StatCache.NowNs(), CancellationToken.None);
        after.TrustBlobFolders(_context.Store.BlobFolderStamps());
        Assert.False(after.IsKnownInStore(sha));

        (int thirdRead, var third) = await IngestAsync();
        Assert.Equal(1, thirdRead);
        Assert.Equal(first, third);
        Assert.Equal("blob folder content 5", File.ReadAllText(_context.BlobPath(sha)));
    }

    [Fact]
    public async Task ABlobFolderReplacedByALinkIsNotTrusted()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        _context.WriteFile("a.txt", "linked folder");
        (_, var entries) = await IngestAsync();
        string sha = entries.Single().Sha256!;
        string folder = Path.GetDirectoryName(_context.BlobPath(sha))!;
        string moved = folder + ".real";
        Directory.Move(folder, moved);
        Directory.CreateSymbolicLink(folder, moved);

        Assert.DoesNotContain(Path.GetFileName(folder), _context.Store.BlobFolderStamps().Names);
    }

    [Fact]
    public async Task ADamagedCacheOnlyCostsAFullHash()
    {
        _context.WriteFile("a.txt", "a");
        File.WriteAllText(CachePath, "{ not json");
        (int read, var entries) = await IngestAsync();
        Assert.Equal(1, read);
        Assert.Single(entries);
    }

    public void Dispose() => _context.Dispose();

    private async Task<(int FilesRead, System.Collections.Generic.IReadOnlyList<ReleaseFileEntry> Entries)> IngestAsync()
    {
        var ingester = new BuildIngester(_context.Store, 2, null, CachePath);
        var entries = await ingester.IngestAsync(_context.Build, CancellationToken.None);
        return (ingester.FilesRead, entries);
    }
}

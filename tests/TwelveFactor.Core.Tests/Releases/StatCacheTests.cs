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

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Releases;

namespace TwelveFactor.Core.Tests.Releases;

/// <summary>
/// The stat cache is read by binary search over lines in path order: it is written in that order, every file is
/// found from it whatever order it is asked in, and a cache out of order, or a line that does not read, costs
/// hashing (of everything, or of that one file), never a wrong digest.
/// </summary>
public sealed class StatCacheOrderTests : IDisposable
{
    private readonly ReleaseTestContext _context = new();

    private string CachePath => Path.Combine(_context.Root, "statcache");

    [Fact]
    public async Task The_cache_is_written_in_path_order_and_finds_every_file_in_any_order()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Names whose order differs between per-folder name order, path order and case: 'a-b' < 'a.txt' < 'a/'
        // (a folder's name sorts with '/' after it), upper case before lower, non-ASCII last; and a name with a
        // backslash, which the release records with '/'.
        string[] names = { "a-b", "a.txt", "a/x", "a/y/z", "A", "b", "é.txt", "zz/1", "zz/10", "zz/2", "d/back\\slash.txt" };
        foreach (string name in names)
        {
            _context.WriteFile(name, "content of " + name);
        }

        for (int i = 0; i < 150; i++)
        {
            _context.WriteFile($"many/{i % 7}/f{i}", "many " + i);
        }

        Thread.Sleep(StatCache.RacyWindow + TimeSpan.FromMilliseconds(300));
        (int firstRead, var first) = await IngestAsync();
        Assert.Equal(names.Length + 150, firstRead);
        Assert.Contains(first, e => e.Path == "d/back/slash.txt");

        string[] paths = File.ReadAllLines(CachePath).Skip(1).Where(l => !l.StartsWith('@')).Select(l => l.Split('\t')[6]).ToArray();
        Assert.Equal(first.Select(e => e.Path), paths);
        Assert.All(paths.Zip(paths.Skip(1)), pair => Assert.True(string.CompareOrdinal(pair.First, pair.Second) < 0, pair.First + " / " + pair.Second));

        // Every file from the cache (the backslash one read from its real name), nothing read again.
        (int secondRead, var second) = await IngestAsync();
        Assert.Equal(0, secondRead);
        Assert.Equal(first, second);

        // Asked in a shuffled order, each file's stamp finds its digest; a changed stamp or another path does not.
        using StatCache cache = StatCache.Load(CachePath, StatCache.NowNs(), CancellationToken.None);
        Assert.Equal(first.Count, cache.EntryCount);
        foreach (ReleaseFileEntry entry in first.OrderBy(e => e.Sha256, StringComparer.Ordinal))
        {
            string onDisk = Path.Combine(_context.Build, entry.Path == "d/back/slash.txt" ? "d/back\\slash.txt" : entry.Path);
            Assert.True(FileStamp.TryGet(onDisk, out FileStamp stamp, out _));
            Assert.Equal(entry.Sha256, cache.Lookup(entry.Path, stamp));
            Assert.Null(cache.Lookup(entry.Path, stamp with { Inode = stamp.Inode + 1 }));
            Assert.Null(cache.Lookup(entry.Path + "x", stamp));
        }

        Assert.Null(cache.Lookup(string.Empty, default));
    }

    [Fact]
    public async Task A_cache_out_of_order_is_no_cache_and_a_line_that_does_not_read_costs_one_file()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        for (int i = 0; i < 40; i++)
        {
            _context.WriteFile($"f{i:D2}.txt", "content " + i);
        }

        Thread.Sleep(StatCache.RacyWindow + TimeSpan.FromMilliseconds(300));
        (_, var first) = await IngestAsync();
        string[] written = File.ReadAllLines(CachePath);

        // Two file lines swapped: a binary search could miss either, so the whole cache is set aside and every file
        // hashed (to the same entries); the cache written then is in order again.
        string[] swapped = (string[])written.Clone();
        (swapped[5], swapped[6]) = (swapped[6], swapped[5]);
        File.WriteAllLines(CachePath, swapped);
        (int readSwapped, var afterSwap) = await IngestAsync();
        Assert.Equal(40, readSwapped);
        Assert.Equal(first, afterSwap);
        (int readAgain, _) = await IngestAsync();
        Assert.Equal(0, readAgain);

        // One line whose digest does not read (upper case), one whose size is not a number: those two files are
        // hashed again, the other 38 come from the cache.
        string[] damaged = File.ReadAllLines(CachePath);
        string[] digestLine = damaged[3].Split('\t');
        digestLine[5] = digestLine[5].ToUpperInvariant();
        damaged[3] = string.Join('\t', digestLine);
        string[] sizeLine = damaged[9].Split('\t');
        sizeLine[2] = "12x";
        damaged[9] = string.Join('\t', sizeLine);
        File.WriteAllLines(CachePath, damaged);
        (int readDamaged, var afterDamage) = await IngestAsync();
        Assert.Equal(2, readDamaged);
        Assert.Equal(first, afterDamage);

        // A line with the same path twice is out of order too.
        string[] doubled = File.ReadAllLines(CachePath);
        doubled[4] = doubled[3];
        File.WriteAllLines(CachePath, doubled);
        using StatCache cache = StatCache.Load(CachePath, StatCache.NowNs(), CancellationToken.None);
        Assert.Equal(0, cache.EntryCount);
    }

    [Fact]
    public void A_line_that_does_not_read_keeps_its_place_so_every_other_file_is_still_found()
    {
        // 101 lines; the middle one (where a binary search looks first) has a digest that does not read.
        var stamp = new FileStamp(1, 2, 3, 1_000_000_000, 2_000_000_000);
        string sha = new string('d', 64);
        var text = new System.Text.StringBuilder("twelvefactor-statcache/4\t100000000000\n");
        for (int i = 0; i <= 100; i++)
        {
            text.Append("1\t2\t3\t1000000000\t2000000000\t").Append(i == 50 ? sha.ToUpperInvariant() : sha).Append($"\ta{i:D3}\n");
        }

        File.WriteAllText(CachePath, text.ToString());
        using StatCache cache = StatCache.Load(CachePath, StatCache.NowNs(), CancellationToken.None);
        Assert.Equal(101, cache.EntryCount);
        for (int i = 0; i <= 100; i++)
        {
            Assert.Equal(i == 50 ? null : sha, cache.Lookup($"a{i:D3}", stamp));
        }
    }

    [Fact]
    public async Task A_cache_of_the_previous_format_in_order_is_read()
    {
        var stamp = new FileStamp(1, 2, 3, 1_000_000_000, 2_000_000_000);
        string sha = new string('b', 64);
        File.WriteAllText(CachePath, "twelvefactor-statcache/3\t100000000000\n1\t2\t3\t1000000000\t2000000000\t" + sha + "\ta\n1\t2\t3\t1000000000\t2000000000\t" + sha + "\tb\n");
        using StatCache cache = await StatCache.LoadAsync(CachePath, default);
        Assert.Equal(2, cache.EntryCount);
        Assert.Equal(sha, cache.Lookup("b", stamp));
        Assert.Equal(sha, cache.KeepIfKnownInStore("a", stamp, (digest, size) => digest == sha && size == 3));
        Assert.Null(cache.KeepIfKnownInStore("b", stamp, (_, _) => false));
    }

    // A file line's numbers are read as the writer formats them and as the number parser read them before: digits,
    // a sign only on the two times, nothing beyond the field's type; a line that does not read is that file not cached.
    [Fact]
    public void A_line_reads_only_numbers_its_fields_can_hold_and_a_well_formed_digest()
    {
        string digest = new('a', 64);
        // Each line that must not read, with the stamp a parser that skipped blanks, wrapped on overflow or took an
        // empty field as 0 would have read from it: asked with that stamp, the cache must still give nothing.
        var lines = new (string Path, string Fields, FileStamp Stamp, bool Reads)[]
        {
            ("a", "1\t18446744073709551615\t3\t-5\t+7", new FileStamp(1, ulong.MaxValue, 3, -5, 7), true),
            ("b", "1\t18446744073709551616\t3\t5\t7", new FileStamp(1, 0, 3, 5, 7), false),
            ("c", "1\t2\t9223372036854775808\t5\t7", new FileStamp(1, 2, long.MinValue, 5, 7), false),
            ("d", "1\t2\t3\t-9223372036854775808\t0", new FileStamp(1, 2, 3, long.MinValue, 0), true),
            ("e", "1\t2\t3\t-9223372036854775809\t0", new FileStamp(1, 2, 3, long.MaxValue, 0), false),
            ("ea", "1\t2\t3\t+9223372036854775808\t0", new FileStamp(1, 2, 3, long.MinValue, 0), false),
            ("f", " 1\t2\t3\t5\t7", new FileStamp(1, 2, 3, 5, 7), false),
            ("g", "1\t2\t\t5\t7", new FileStamp(1, 2, 0, 5, 7), false),
            ("h", "+1\t2\t3\t5\t7", new FileStamp(1, 2, 3, 5, 7), false),
            ("i", "1\t2\t3\t--5\t7", new FileStamp(1, 2, 3, 5, 7), false),
            ("j", "1\t2\t3\t5\t7\t8", new FileStamp(1, 2, 3, 5, 7), false),
            ("k", "18446744073709551615\t2\t9223372036854775807\t0\t-1", new FileStamp(ulong.MaxValue, 2, long.MaxValue, 0, -1), true),
        };
        var text = new System.Text.StringBuilder("twelvefactor-statcache/4\t4000000000000000000\n");
        foreach (var (path, fields, _, _) in lines)
        {
            text.Append(fields).Append('\t').Append(digest).Append('\t').Append(path).Append('\n');
        }

        // A digest with a tab inside it makes eight fields: not a line that reads, though every number does.
        text.Append("1\t2\t3\t5\t7\t").Append(digest, 0, 32).Append('\t').Append(digest, 0, 32).Append("\tl\n");
        File.WriteAllText(CachePath, text.ToString());

        using StatCache cache = StatCache.Load(CachePath, StatCache.NowNs(), CancellationToken.None);
        Assert.Equal(lines.Length + 1, cache.EntryCount);
        foreach (var (path, _, stamp, reads) in lines)
        {
            Assert.Equal(reads ? digest : null, cache.Lookup(path, stamp));
        }

        Assert.Null(cache.Lookup("i", new FileStamp(1, 2, 3, -5, 7)));
        Assert.Null(cache.Lookup("l", new FileStamp(1, 2, 3, 5, 7)));
    }

    public void Dispose() => _context.Dispose();

    private async Task<(int FilesRead, IReadOnlyList<ReleaseFileEntry> Entries)> IngestAsync()
    {
        var ingester = new BuildIngester(_context.Store, 2, null, CachePath);
        var entries = await ingester.IngestAsync(_context.Build, CancellationToken.None);
        return (ingester.FilesRead, entries);
    }
}

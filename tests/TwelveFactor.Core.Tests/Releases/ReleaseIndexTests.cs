using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Releases;

namespace TwelveFactor.Core.Tests.Releases;

/// <summary>
/// The release index: a listing reads only the manifests the index does not vouch for, and the index, written by
/// others like every file of a store, never makes a listing show what the manifests do not say.
/// </summary>
public sealed class ReleaseIndexTests : IDisposable
{
    private readonly ReleaseTestContext _context = new();
    private readonly InterruptingStore _counting;
    private readonly ReleaseService _service;

    public ReleaseIndexTests()
    {
        _counting = new InterruptingStore(_context.Store, new CancellationTokenSource(), int.MaxValue);
        _service = new ReleaseService(_counting, new ReleaseServiceOptions());
        _context.WriteSampleBuild();
    }

    private string IndexPath => Path.Combine(_context.StoreRoot, "apps", ReleaseTestContext.App, "release-index.jsonl");

    public void Dispose() => _context.Dispose();

    private async Task CreateAsync(int count, string? environment = null)
    {
        for (int i = 0; i < count; i++)
        {
            _context.WriteFile("VERSION", Guid.NewGuid().ToString());
            await _context.Service.CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = _context.Build, Environment = environment, Description = "release " + i, Config = ReleaseTestContext.SampleConfig });
        }
    }

    // The ids listed, newest first, and how many manifests the listing read.
    private async Task<(string Ids, int Read)> ListAsync(string? environment = null)
    {
        _counting.ManifestsRead = 0;
        var ids = (await _service.ListAsync(ReleaseTestContext.App, environment)).Select(r => r.Id);
        return (string.Join(" ", ids), _counting.ManifestsRead);
    }

    [Fact]
    public async Task A_listing_reads_only_the_manifests_the_index_does_not_hold()
    {
        await CreateAsync(3, "staging");
        Assert.Equal(("v3 v2 v1", 3), await ListAsync());
        Assert.True(File.Exists(IndexPath));
        Assert.Equal(("v3 v2 v1", 0), await ListAsync());

        await CreateAsync(1, "production");
        Assert.Equal(("v4 v3 v2 v1", 1), await ListAsync());
        Assert.Equal(("v4", 0), await ListAsync("PRODUCTION"));

        // The records from the index are the manifests' own.
        var fromIndex = await _service.ListAsync(ReleaseTestContext.App);
        foreach (var record in fromIndex)
        {
            Assert.Equal((await _service.GetAsync(ReleaseTestContext.App, record.Id)).Release, record);
        }

        // The newest of an environment: found in the index, then only its manifest is read.
        _counting.ManifestsRead = 0;
        Assert.Equal("v3", (await _service.GetLatestAsync(ReleaseTestContext.App, "staging"))!.Release.Id);
        Assert.Equal(1, _counting.ManifestsRead);
    }

    [Fact]
    public async Task A_removed_release_leaves_the_listing_and_the_index()
    {
        await CreateAsync(4);
        await ListAsync();
        await new ReleasePruner(_service).PruneAsync(ReleaseTestContext.App, keepLast: 2);
        Assert.Equal(("v4 v3", 0), await ListAsync());
        Assert.DoesNotContain("\"v1\"", File.ReadAllText(IndexPath));
    }

    [Fact]
    public async Task A_manifest_changed_after_it_was_indexed_is_read_again_and_refused()
    {
        await CreateAsync(2);
        await ListAsync();

        // Same length, one character of the description changed: only the manifest's stamp tells.
        string path = _context.ManifestPath("v1");
        string text = File.ReadAllText(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, text.Replace("release 0", "release X", StringComparison.Ordinal));
        var error = await Assert.ThrowsAsync<ReleaseException>(() => _service.ListAsync(ReleaseTestContext.App));
        Assert.Equal(ProblemId.StoreVerificationFailed, error.Problem);
        Assert.Equal("v1", error.Target);
    }

    [Fact]
    public async Task A_forged_or_broken_index_is_ignored_and_rewritten_from_the_manifests()
    {
        await CreateAsync(2);
        await ListAsync();
        string[] lines = File.ReadAllLines(IndexPath);
        Assert.Equal(3, lines.Length);

        // The v2 line moved under id v1 (with v1's stamp): a record that is not its id's is not used.
        static string StampOf(string line) => line.Split("\"stamp\":\"")[1].Split('"')[0];
        Assert.StartsWith("{\"id\":\"v2\",", lines[1], StringComparison.Ordinal);
        string forged = "{\"id\":\"v1\"," + lines[1]["{\"id\":\"v2\",".Length..].Replace(StampOf(lines[1]), StampOf(lines[2]), StringComparison.Ordinal);
        File.WriteAllLines(IndexPath, new[] { lines[0], forged, "{not json", "[]", lines[1] });
        Assert.Equal(("v2 v1", 1), await ListAsync());
        Assert.Equal("release 0", (await _service.ListAsync(ReleaseTestContext.App)).Single(r => r.Id == "v1").Description);

        // Two lines for one id: neither counts.
        File.WriteAllLines(IndexPath, new[] { lines[0], lines[1], lines[1], lines[2] });
        Assert.Equal(("v2 v1", 1), await ListAsync());

        // Another format, or a line of plain text first: the whole index is ignored.
        File.WriteAllText(IndexPath, "{\"format\":\"something-else/v9\"}\n" + lines[1] + "\n" + lines[2] + "\n");
        Assert.Equal(("v2 v1", 2), await ListAsync());
        Assert.Equal(("v2 v1", 0), await ListAsync());
    }

    [Fact]
    public async Task An_index_that_is_a_fifo_a_link_or_too_large_is_no_index()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await CreateAsync(2);
        File.Delete(IndexPath);

        // A fifo: opening it for reading would wait for a writer forever.
        using (var mkfifo = Process.Start("mkfifo", IndexPath))
        {
            mkfifo.WaitForExit();
        }

        var listing = _service.ListAsync(ReleaseTestContext.App);
        Assert.True(await Task.WhenAny(listing, Task.Delay(TimeSpan.FromSeconds(20))) == listing, "the listing waited on a fifo");
        Assert.Equal(new[] { "v2", "v1" }, (await listing).Select(r => r.Id));

        // A link to another file: not followed, and replaced by a file of its own.
        File.Delete(IndexPath);
        string elsewhere = Path.Combine(_context.Root, "elsewhere.jsonl");
        File.WriteAllText(elsewhere, "keep me");
        File.CreateSymbolicLink(IndexPath, elsewhere);
        Assert.Equal(("v2 v1", 2), await ListAsync());
        Assert.Equal("keep me", File.ReadAllText(elsewhere));
        Assert.Equal(("v2 v1", 0), await ListAsync());

        // Past the size limit: not read.
        using (var big = new FileStream(IndexPath, FileMode.Create))
        {
            big.SetLength(ReleaseIndex.MaxBytes + 1L);
        }

        Assert.Equal(("v2 v1", 2), await ListAsync());
    }
}

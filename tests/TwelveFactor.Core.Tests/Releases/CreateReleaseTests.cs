using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Releases;

public sealed class CreateReleaseTests : IDisposable
{
    private readonly ReleaseTestContext _context = new();

    [Fact]
    public async Task CreatesReleasesInSequenceWithTheirFiles()
    {
        _context.WriteSampleBuild();
        ReleaseRecord first = await _context.CreateAsync("first");
        ReleaseRecord second = await _context.CreateAsync("second");

        Assert.Equal("v1", first.Id);
        Assert.Equal("v2", second.Id);
        Assert.Equal(ReleaseTestContext.App, first.App);
        Assert.Equal("production", first.Environment);
        Assert.Equal(5, first.FileCount);
        Assert.Equal(new[] { "app.dll", "bin/start.sh", "data/big.bin", "wwwroot/css/site.css", "wwwroot/index.html" }.Sum(p => new FileInfo(Path.Combine(_context.Build, p)).Length), first.Size);
        Assert.StartsWith("sha256:", first.BuildDigest, StringComparison.Ordinal);
        Assert.Equal(first.BuildDigest, second.BuildDigest);
        Assert.Equal(first.ConfigDigest, second.ConfigDigest);
        Assert.Contains("@", first.CreatedBy, StringComparison.Ordinal);

        var list = await _context.Service.ListAsync(ReleaseTestContext.App);
        Assert.Equal(new[] { "v2", "v1" }, list.Select(r => r.Id));
        ReleaseManifest latest = (await _context.Service.GetLatestAsync(ReleaseTestContext.App))!;
        Assert.Equal("v2", latest.Release.Id);
        Assert.Equal("second", latest.Release.Description);
    }

    [Fact]
    public async Task RecordsHashesModesAndSymlinks()
    {
        _context.WriteSampleBuild();
        File.CreateSymbolicLink(Path.Combine(_context.Build, "wwwroot", "home.html"), "index.html");
        File.CreateSymbolicLink(Path.Combine(_context.Build, "assets"), "wwwroot/css");
        ReleaseRecord release = await _context.CreateAsync();
        ReleaseManifest manifest = await _context.Service.GetAsync(ReleaseTestContext.App, release.Id);

        ReleaseFileEntry index = manifest.Files.Single(f => f.Path == "wwwroot/index.html");
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_context.Build, "wwwroot/index.html")))).ToLowerInvariant(), index.Sha256);
        Assert.True(File.Exists(_context.BlobPath(index.Sha256!)));
        Assert.False(index.IsExecutable);
        Assert.True(manifest.Files.Single(f => f.Path == "bin/start.sh").IsExecutable);
        Assert.Equal("index.html", manifest.Files.Single(f => f.Path == "wwwroot/home.html").LinkTarget);
        Assert.Equal("wwwroot/css", manifest.Files.Single(f => f.Path == "assets").LinkTarget);
        Assert.DoesNotContain(manifest.Files, f => f.Path.StartsWith("assets/", StringComparison.Ordinal));
        Assert.Equal(manifest.Files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => f.Path), manifest.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task RejectsASymlinkOutOfTheBuild()
    {
        _context.WriteSampleBuild();
        File.CreateSymbolicLink(Path.Combine(_context.Build, "passwd"), "/etc/passwd");
        var error = await Assert.ThrowsAsync<ReleaseException>(() => _context.CreateAsync());
        Assert.Equal(ProblemId.ArchiveEntryEscapes, error.Problem);
        Assert.Equal(0, _context.ObjectCount());
    }

    [Fact]
    public async Task AFifoInTheBuildIsRejectedInsteadOfHanging()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        _context.WriteSampleBuild();
        using (Process mkfifo = Process.Start("mkfifo", Path.Combine(_context.Build, "pipe"))!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var error = await Assert.ThrowsAsync<ReleaseException>(() => _context.CreateAsync());
        Assert.Equal(ProblemId.ArchiveEntryUnsupported, error.Problem);
        Assert.Equal("pipe", error.Target);
        Assert.Empty(await _context.Service.ListAsync(ReleaseTestContext.App));
        Assert.Equal(0, _context.ObjectCount());
    }

    [Fact]
    public async Task BadBuildPathsGetStableKinds()
    {
        var missing = await Assert.ThrowsAsync<ReleaseException>(() => _context.CreateAsync(buildPath: Path.Combine(_context.Root, "nope")));
        Assert.Equal(ProblemId.BuildPathNotFound, missing.Problem);

        var empty = await Assert.ThrowsAsync<ReleaseException>(() => _context.CreateAsync());
        Assert.Equal(ProblemId.BuildPathEmpty, empty.Problem);

        string inside = Path.Combine(_context.StoreRoot, "objects");
        var insideStore = await Assert.ThrowsAsync<ReleaseException>(() => _context.CreateAsync(buildPath: inside));
        Assert.Equal(ProblemId.BuildPathInsideStore, insideStore.Problem);

        var holdsStore = await Assert.ThrowsAsync<ReleaseException>(() => _context.CreateAsync(buildPath: _context.Root));
        Assert.Equal(ProblemId.BuildPathInsideStore, holdsStore.Problem);

        string text = Path.Combine(_context.Root, "notes.txt");
        File.WriteAllText(text, "x");
        var unsupported = await Assert.ThrowsAsync<ReleaseException>(() => _context.CreateAsync(buildPath: text));
        Assert.Equal(ProblemId.BuildPathUnsupported, unsupported.Problem);

        var notFound = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.GetAsync(ReleaseTestContext.App, "v9"));
        Assert.Equal(ProblemId.ReleaseNotFound, notFound.Problem);
        Assert.Equal("v9", notFound.Target);

        var badName = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.GetAsync("../etc", "v1"));
        Assert.Equal(ProblemId.InvalidName, badName.Problem);

        Assert.Empty(await _context.Service.ListAsync(ReleaseTestContext.App));
        Assert.Equal(0, _context.ObjectCount());
    }

    [Fact]
    public async Task RecordsTheGitCommitAndMarksADirtyWorkTree()
    {
        _context.WriteSampleBuild();
        string source = Path.Combine(_context.Root, "src");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "main.c"), "int main(){}");
        Git(source, "init", "-q");
        Git(source, "add", ".");
        Git(source, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "init");
        string head = Git(source, "rev-parse", "HEAD").Trim();

        ReleaseRecord clean = await _context.Service.CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = _context.Build, SourcePath = source });
        Assert.Equal(head, clean.Commit);

        File.AppendAllText(Path.Combine(source, "main.c"), "// change");
        ReleaseRecord dirty = await _context.Service.CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = _context.Build, SourcePath = source });
        Assert.Equal(head + "-dirty", dirty.Commit);

        var notRepo = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = _context.Build, SourcePath = _context.Build }));
        Assert.Equal(ProblemId.SourcePathNotRepository, notRepo.Problem);
    }

    [Fact]
    public async Task AnImageAloneMakesARelease()
    {
        ReleaseRecord release = await _context.Service.CreateAsync(new ReleaseRequest
        {
            App = ReleaseTestContext.App,
            Image = "registry.example.com/shop:1.2",
            ImageDigest = "sha256:" + new string('a', 64),
            Config = ReleaseTestContext.SampleConfig,
        });

        Assert.Equal("v1", release.Id);
        Assert.Equal(0, release.FileCount);
        Assert.Equal("registry.example.com/shop:1.2", (await _context.Service.GetAsync(ReleaseTestContext.App, "v1")).Release.Image);
    }

    [Fact]
    public async Task ReportsProgressUpToTheWholeBuild()
    {
        _context.WriteSampleBuild();
        var reports = new System.Collections.Concurrent.ConcurrentQueue<ReleaseProgress>();
        var sink = new SynchronousProgress(reports.Enqueue);
        ReleaseRecord release = await _context.Service.CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = _context.Build }, sink);

        // Storing ends at the whole build, then one report says the release waits for the disk.
        ReleaseProgress flushing = reports.Last();
        Assert.Equal((ReleaseOperation.Flushing, release.FileCount, release.Size), (flushing.Operation, flushing.ItemsDone, flushing.BytesDone));
        ReleaseProgress last = reports.Last(r => r.Operation == ReleaseOperation.Storing);
        Assert.Equal((release.FileCount, release.Size), (last.ItemsDone, last.BytesDone));
        Assert.Equal((last.ItemsTotal, last.BytesTotal), (last.ItemsDone, last.BytesDone));
        Assert.Equal(100, last.PercentComplete);

        var publishing = new System.Collections.Concurrent.ConcurrentQueue<ReleaseProgress>();
        await _context.Service.PublishAsync(ReleaseTestContext.App, release.Id, Path.Combine(_context.Root, "deploy"), new SynchronousProgress(publishing.Enqueue));
        Assert.Equal((ReleaseOperation.Publishing, release.FileCount), (publishing.Last().Operation, publishing.Last().ItemsDone));
    }

    public void Dispose() => _context.Dispose();

    private sealed class SynchronousProgress : IProgress<ReleaseProgress>
    {
        private readonly Action<ReleaseProgress> _report;

        internal SynchronousProgress(Action<ReleaseProgress> report) => _report = report;

        public void Report(ReleaseProgress value) => _report(value);
    }

    private static string Git(string workTree, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workTree };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "git " + string.Join(' ', arguments) + ": " + process.StandardError.ReadToEnd());
        return output;
    }
}

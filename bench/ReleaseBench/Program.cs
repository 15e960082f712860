using System;
using System.Diagnostics;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Releases.Stores;

namespace TwelveFactor.Benchmarks;

/// <summary>
/// Generates a build (default 10,000 files, 1 GiB: 20 files of 10 MiB and the rest small), then times in one
/// run: sha256sum and cp -a of the tree, the first release, a release with nothing changed (with and without
/// the stat cache; without it, that is pure hashing), a release after changing one file, and publish, each
/// against cp -a. A release ends with syncfs, so cp -a is timed both alone and followed by sync.
/// </summary>
internal static class Program
{
    private const double MiB = 1024.0 * 1024.0;

    private static async Task<int> Main(string[] args)
    {
        int fileCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        long totalBytes = (args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1024) * 1024L * 1024;
        string work = args.Length > 2 ? Path.GetFullPath(args[2]) : Path.Combine(Path.GetTempPath(), "tf-release-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        try
        {
            return await RunAsync(work, fileCount, totalBytes);
        }
        finally
        {
            Shell("chmod -R u+w " + Quote(work) + " && rm -rf " + Quote(work));
        }
    }

    private static async Task<int> RunAsync(string work, int fileCount, long totalBytes)
    {
        string build = Path.Combine(work, "build");
        Console.WriteLine($"Generating {fileCount:N0} files, {totalBytes / MiB:N0} MiB in {build} ...");
        (long size, string changedFile) = Generate(build, fileCount, totalBytes);
        Console.WriteLine($"cores: {Environment.ProcessorCount}, build: {fileCount:N0} files, {size / MiB:N1} MiB");
        Console.WriteLine();

        Sync();
        double sha1 = Time($"cd {Quote(build)} && find . -type f -print0 | xargs -0 sha256sum > /dev/null");
        Sync();
        double sha2 = Time($"cd {Quote(build)} && find . -type f -print0 | xargs -0 -n 500 -P {Environment.ProcessorCount} sha256sum > /dev/null");
        // The first release, cp -a and cp -a + sync alternate for three rounds (each into a fresh target) and the
        // medians are compared: one disk's writeback state decides any single run.
        const int Rounds = 3;
        var cpRuns = new List<double>();
        var cpSyncRuns = new List<double>();
        var firstRuns = new List<(double Total, double Storing)>();
        string storeRoot = Path.Combine(work, "store");
        for (int round = 0; round < Rounds; round++)
        {
            Sync();
            cpRuns.Add(Time($"cp -a {Quote(build)} {Quote(Path.Combine(work, "copy1"))}"));
            Shell("rm -rf " + Quote(Path.Combine(work, "copy1")) + " && sync");
            cpSyncRuns.Add(Time($"cp -a {Quote(build)} {Quote(Path.Combine(work, "copy1s"))} && sync"));
            Shell("rm -rf " + Quote(Path.Combine(work, "copy1s")) + " && sync");
            if (round < Rounds - 1)
            {
                firstRuns.Add(await FirstReleaseAsync(Path.Combine(work, "store-round"), build));
                Shell("chmod -R u+w " + Quote(Path.Combine(work, "store-round")) + " && rm -rf " + Quote(Path.Combine(work, "store-round")) + " && sync");
            }
            else
            {
                // The last round's store is the one the later steps build on.
                firstRuns.Add(await FirstReleaseAsync(storeRoot, build));
            }
        }

        double cp1 = Median(cpRuns);
        double cp1Sync = Median(cpSyncRuns);
        double first = Median(firstRuns.Select(r => r.Total).ToList());
        double storing = Median(firstRuns.Select(r => r.Storing).ToList());
        using var store = new LocalReleaseStore(storeRoot);
        var service = new ReleaseService(store, new ReleaseServiceOptions());
        var request = Request(build);
        var hashingOnly = new ReleaseService(store, new ReleaseServiceOptions { UseStatCache = false });
        var clock = Stopwatch.StartNew();
        long storeAfterFirst = DirectoryBytes(Path.Combine(storeRoot, "objects"));
        Sync();

        clock.Restart();
        await hashingOnly.CreateAsync(request);
        double unchanged = clock.Elapsed.TotalSeconds;
        Sync();

        clock.Restart();
        await service.CreateAsync(request);
        double unchangedCached = clock.Elapsed.TotalSeconds;
        Sync();

        // git, the peer for incremental snapshots: its repository beside the build (the build is not touched), the
        // first commit untimed, then the same changes a release records.
        // gc.auto=0: an automatic gc detaches and repacks while the clean-up below removes the folder.
        string git = $"git --git-dir={Quote(Path.Combine(work, "git"))} --work-tree={Quote(build)} -c user.email=bench@example -c user.name=bench -c gc.auto=0";
        Shell($"{git} init -q && {git} add -A && {git} commit -q -m first");
        Sync();

        byte[] changed = File.ReadAllBytes(changedFile);
        changed[changed.Length / 2] ^= 0xFF;
        File.WriteAllBytes(changedFile, changed);
        Sync();
        double cp2 = Time($"cp -a {Quote(build)} {Quote(Path.Combine(work, "copy2"))}");
        Sync();
        clock.Restart();
        ReleaseRecord second = await service.CreateAsync(request);
        double secondTime = clock.Elapsed.TotalSeconds;
        long grown = DirectoryBytes(Path.Combine(storeRoot, "objects")) - storeAfterFirst;
        Sync();
        double gitChanged = Time($"{git} add -A && {git} commit -q -m second");
        Sync();
        double gitUnchanged = Time($"{git} add -A && {git} commit -q --allow-empty -m third");
        Sync();
        clock.Restart();
        await service.CreateAsync(request);
        double unchangedAfterGit = clock.Elapsed.TotalSeconds;
        Sync();

        // Single runs swing with the disk's writeback state (git: 33-165 ms across runs), so release and git also
        // alternate for several rounds, each round on one more changed file, and the medians are compared.
        const int GitRounds = 7;
        var releaseChangedRuns = new List<double>();
        var gitChangedRuns = new List<double>();
        var releaseUnchangedRuns = new List<double>();
        var gitUnchangedRuns = new List<double>();
        double shellFloor = Median(Enumerable.Range(0, 5).Select(_ => Time("true")).ToList());
        for (int round = 0; round < GitRounds; round++)
        {
            changed[(changed.Length / 4) + round] ^= 0xFF;
            File.WriteAllBytes(changedFile, changed);
            Sync();
            bool gitFirst = round % 2 == 1;
            for (int turn = 0; turn < 2; turn++)
            {
                if ((turn == 0) == gitFirst)
                {
                    gitChangedRuns.Add(Time($"{git} add -A && {git} commit -q -m round"));
                    Sync();
                    gitUnchangedRuns.Add(Time($"{git} add -A && {git} commit -q --allow-empty -m same"));
                }
                else
                {
                    clock.Restart();
                    await service.CreateAsync(request);
                    releaseChangedRuns.Add(clock.Elapsed.TotalSeconds);
                    Sync();
                    clock.Restart();
                    await service.CreateAsync(request);
                    releaseUnchangedRuns.Add(clock.Elapsed.TotalSeconds);
                }

                Sync();
            }
        }

        changed[changed.Length / 3] ^= 0xFF;
        File.WriteAllBytes(changedFile, changed);
        Sync();
        clock.Restart();
        await hashingOnly.CreateAsync(request);
        double secondUncached = clock.Elapsed.TotalSeconds;
        Sync();

        string deploy = Path.Combine(work, "deploy");
        clock.Restart();
        PublishResult published = await service.PublishAsync("bench", second.Id, deploy);
        double publish = clock.Elapsed.TotalSeconds;
        Sync();
        double cp3 = Time($"cp -a {Quote(build)} {Quote(Path.Combine(work, "copy3"))}");
        Sync();

        clock.Restart();
        ReleaseVerification verification = await service.VerifyAsync("bench", second.Id);
        double verify = clock.Elapsed.TotalSeconds;

        double mb = size / MiB;
        Console.WriteLine($"{"step",-44} {"seconds",9} {"MiB/s",9}  notes");
        Row("sha256sum, 1 process", sha1, mb, string.Empty);
        Row($"sha256sum, {Environment.ProcessorCount} processes (xargs -P)", sha2, mb, string.Empty);
        Row($"cp -a of the tree (median of {Rounds})", cp1, mb, Runs(cpRuns));
        Row($"cp -a of the tree, then sync (median of {Rounds})", cp1Sync, mb, Runs(cpSyncRuns));
        Row($"first release (median of {Rounds})", first, mb, $"{storeAfterFirst / MiB:N1} MiB stored; {cp1 / first:N2}x cp -a, {cp1Sync / first:N2}x cp -a + sync; " + Runs(firstRuns.Select(r => r.Total).ToList()));
        Row("  of which hashing + storing (before syncfs)", storing, mb, $"{cp1 / storing:N2}x cp -a; the rest waits for the disk");
        Row("release, nothing changed, no stat cache", unchanged, mb, $"hashing every byte; {cp1 / unchanged:N2}x cp -a");
        Row("release, nothing changed, stat cache", unchangedCached, mb, $"{cp1 / unchangedCached:N1}x cp -a");
        Row("cp -a after changing one file", cp2, mb, string.Empty);
        Row("release after changing one file", secondTime, mb, $"{grown:N0} bytes stored (file: {changed.Length:N0}); {cp2 / secondTime:N1}x cp -a");
        Row("same, no stat cache (hash every byte)", secondUncached, mb, $"{cp2 / secondUncached:N1}x cp -a");
        // One run each: the release above is this process's first to store a new blob (with every method compiled
        // fully at first call, that path's compilation is in it); the medians below are the comparison.
        Row("git add -A && git commit, one file changed", gitChanged, mb, $"one run; the release above: {gitChanged / secondTime:N2}x git");
        Row("git add -A && git commit, nothing changed", gitUnchanged, mb, "one run, --allow-empty");
        Row("release, nothing changed (right after git)", unchangedAfterGit, mb, $"one run: {gitUnchanged / unchangedAfterGit:N2}x git");
        double releaseChanged = Median(releaseChangedRuns);
        double gitChangedMedian = Median(gitChangedRuns);
        double releaseUnchanged = Median(releaseUnchangedRuns);
        double gitUnchangedMedian = Median(gitUnchangedRuns);
        Row($"release after one change (median of {GitRounds})", releaseChanged, mb, $"{gitChangedMedian / releaseChanged:N2}x git; " + Runs(releaseChangedRuns, "N3"));
        Row($"git add -A && git commit, one change (median)", gitChangedMedian, mb, Runs(gitChangedRuns, "N3"));
        Row($"release, nothing changed (median of {GitRounds})", releaseUnchanged, mb, $"{gitUnchangedMedian / releaseUnchanged:N2}x git; " + Runs(releaseUnchangedRuns, "N3"));
        Row($"git add -A && git commit, nothing changed (median)", gitUnchangedMedian, mb, $"--allow-empty; git times include starting bash ({shellFloor * 1000:N1} ms); " + Runs(gitUnchangedRuns, "N3"));
        Row("publish (hard links + current switch)", publish, mb, $"{published.FilesLinked:N0} linked, {published.FilesCopied:N0} copied; {cp3 / publish:N1}x cp -a");
        Row("cp -a (for publish)", cp3, mb, string.Empty);
        Row("verify (re-hash every blob)", verify, mb, verification.IsValid ? "valid" : "INVALID");
        return verification.IsValid ? 0 : 1;
    }

    private static double Median(List<double> runs) => runs.OrderBy(t => t).ElementAt(runs.Count / 2);

    private static string Runs(List<double> runs, string format = "N2") => "runs: " + string.Join(", ", runs.Select(t => t.ToString(format, CultureInfo.InvariantCulture)));

    private static ReleaseRequest Request(string build) => new()
    {
        App = "bench",
        BuildPath = build,
        Config = new[] { new ConfigSnapshotEntry("PORT", "8080", false), new ConfigSnapshotEntry("DB_PASSWORD", "s3cret", true) },
    };

    /// <summary>A first release into a fresh store: total seconds, and seconds until storing reported its end.</summary>
    private static async Task<(double Total, double Storing)> FirstReleaseAsync(string storeRoot, string build)
    {
        using var store = new LocalReleaseStore(storeRoot);
        var clock = Stopwatch.StartNew();
        var progress = new StoringEnd(clock);
        await new ReleaseService(store, new ReleaseServiceOptions()).CreateAsync(Request(build), progress);
        return (clock.Elapsed.TotalSeconds, progress.Seconds);
    }

    private static void Row(string step, double seconds, double mb, string notes) =>
        Console.WriteLine($"{step,-44} {seconds,9:N3} {mb / seconds,9:N0}  {notes}");

    private static (long Size, string ChangedFile) Generate(string build, int fileCount, long totalBytes)
    {
        const int BigFiles = 20;
        const int BigSize = 10 << 20;
        int big = fileCount > 1000 && totalBytes > 2L * BigFiles * BigSize ? BigFiles : 0;
        long smallBudget = totalBytes - ((long)big * BigSize);
        int smallCount = fileCount - big;
        var random = new Random(12345);
        byte[] pool = new byte[64 << 20];
        random.NextBytes(pool);
        long written = 0;
        string changed = string.Empty;
        for (int i = 0; i < fileCount; i++)
        {
            string dir = Path.Combine(build, "d" + (i / 100).ToString("D3", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            int length = i < big
                ? BigSize
                : (int)Math.Max(1, (smallBudget / smallCount) + random.Next(-(int)(smallBudget / smallCount / 2), (int)(smallBudget / smallCount / 2)));
            string path = Path.Combine(dir, "f" + i.ToString("D5", CultureInfo.InvariantCulture) + ".bin");
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0))
            {
                // A distinct header makes every file's content unique; the body comes from a random pool.
                stream.Write(BitConverter.GetBytes((long)i));
                int offset = random.Next(pool.Length - length);
                stream.Write(pool, offset, length - 8 > 0 ? length - 8 : 0);
            }

            written += new FileInfo(path).Length;
            if (i == fileCount / 2)
            {
                changed = path;
            }
        }

        return (written, changed);
    }

    private static long DirectoryBytes(string path) =>
        Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    private static void Sync() => Shell("sync");

    private static double Time(string command)
    {
        var clock = Stopwatch.StartNew();
        Shell(command);
        return clock.Elapsed.TotalSeconds;
    }

    private static void Shell(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using Process process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(command + ": " + error);
        }
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Notes when the storing step reports that every file is in (synchronously, unlike Progress&lt;T&gt;).</summary>
    private sealed class StoringEnd : IProgress<ReleaseProgress>
    {
        private readonly Stopwatch _clock;

        public StoringEnd(Stopwatch clock) => _clock = clock;

        public double Seconds { get; private set; }

        public void Report(ReleaseProgress value)
        {
            if (value.Operation == ReleaseOperation.Storing && value.ItemsTotal > 0 && value.ItemsDone == value.ItemsTotal)
            {
                Seconds = _clock.Elapsed.TotalSeconds;
            }
        }
    }
}

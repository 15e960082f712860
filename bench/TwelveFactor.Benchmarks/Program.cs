using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Benchmarks;

/// <summary>
/// <c>generate FILE MB</c> writes a test env file; <c>parse FILE ITERATIONS</c> times decoding and parsing it
/// (bytes to EnvDocument, as a cmdlet does) after a warm-up and prints one line per measure.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length is 3 or 4 && args[0] == "generate")
        {
            double mb = double.Parse(args[2], CultureInfo.InvariantCulture);
            EnvFileGenerator.Write(args[1], (long)(mb * 1024 * 1024), args.Length == 4 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0);
            return 0;
        }

        if (args.Length == 3 && args[0] == "parse")
        {
            Parse(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
            return 0;
        }

        if (args.Length is 4 or 5 && args[0] == "release-unchanged")
        {
            ReleaseUnchanged(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), args.Length == 5 ? args[4] : null);
            return 0;
        }

        if (args.Length == 5 && args[0] == "ingest")
        {
            Ingest(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture));
            return 0;
        }

        if (args.Length == 3 && args[0] == "resolve")
        {
            Resolve(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
            return 0;
        }

        if (args.Length == 2 && args[0] == "collect")
        {
            using var local = new TwelveFactor.Core.Releases.Stores.LocalReleaseStore(args[1]);
            var service = new TwelveFactor.Core.Releases.ReleaseService(local, new TwelveFactor.Core.Releases.ReleaseServiceOptions());
            var result = new TwelveFactor.Core.Releases.ReleasePruner(service).CollectGarbageAsync().GetAwaiter().GetResult();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"collect removed={result.BlobsRemoved} kept={result.BlobsKept}"));
            return 0;
        }

        if (args.Length == 5 && args[0] == "make-store")
        {
            MakeStore(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture));
            return 0;
        }

        Console.Error.WriteLine("usage: make-store BUILD STORE RELEASES FILES | collect STORE | ingest BUILD STORE PARALLELISM ITERATIONS | release-unchanged BUILD STORE ITERATIONS | generate FILE MB [PADDING] | parse FILE ITERATIONS | resolve FILE ITERATIONS");
        return 2;
    }

    // A store of RELEASES releases of a FILES-file app ("bench"), one small file changed between releases, as a
    // long-lived app's store grows; through Core, since a thousand New-TfRelease calls would take minutes.
    private static void MakeStore(string build, string store, int releases, int files)
    {
        for (int i = 0; i < files; i++)
        {
            string dir = System.IO.Path.Combine(build, "d" + (i / 100).ToString("D2", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            File.WriteAllText(System.IO.Path.Combine(dir, "f" + i.ToString("D5", CultureInfo.InvariantCulture) + ".txt"), "file " + i + new string('x', 1 + (i % 2000)));
        }

        using var local = new TwelveFactor.Core.Releases.Stores.LocalReleaseStore(store);
        var service = new TwelveFactor.Core.Releases.ReleaseService(local, new TwelveFactor.Core.Releases.ReleaseServiceOptions());
        var config = new[] { new TwelveFactor.Core.Releases.ConfigSnapshotEntry("PORT", "8080", false), new TwelveFactor.Core.Releases.ConfigSnapshotEntry("DB_PASSWORD", "s3cret", true) };
        string changing = System.IO.Path.Combine(build, "VERSION");
        for (int r = 1; r <= releases; r++)
        {
            File.WriteAllText(changing, "release " + r);
            var request = new TwelveFactor.Core.Releases.ReleaseRequest { App = "bench", BuildPath = build, Environment = r % 3 == 0 ? "staging" : "production", Description = "release " + r, Config = config };
            service.CreateAsync(request).GetAwaiter().GetResult();
        }
    }

    // A release of a build that has not changed since the last one: the floor is a stat per file and one manifest.
    // With CHANGE, that file gets one byte flipped before each timed release: a release after one changed file.
    private static void ReleaseUnchanged(string build, string store, int iterations, string? change = null)
    {
        using var local = new TwelveFactor.Core.Releases.Stores.LocalReleaseStore(store);
        var service = new TwelveFactor.Core.Releases.ReleaseService(local, new TwelveFactor.Core.Releases.ReleaseServiceOptions());
        // The config bench/run-release.sh uses: a secret makes the release check the store for encrypted secrets.
        var config = new[] { new TwelveFactor.Core.Releases.ConfigSnapshotEntry("PORT", "8080", false), new TwelveFactor.Core.Releases.ConfigSnapshotEntry("DB_PASSWORD", "s3cret", true) };
        var request = new TwelveFactor.Core.Releases.ReleaseRequest { App = "bench", BuildPath = build, Config = config };
        service.CreateAsync(request).GetAwaiter().GetResult();
        var times = new double[iterations];
        for (int i = 0; i < iterations; i++)
        {
            if (change is not null)
            {
                byte[] bytes = File.ReadAllBytes(change);
                bytes[bytes.Length / 2] ^= 0xFF;
                File.WriteAllBytes(change, bytes);
            }

            var sw = Stopwatch.StartNew();
            service.CreateAsync(request).GetAwaiter().GetResult();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"release-{(change is null ? "unchanged" : "one-change")} best_ms={times[0]:F1} median_ms={times[times.Length / 2]:F1}"));
    }

    // Ingestion alone (walk, stat cache, blob checks), at a given parallelism: what an unchanged release costs
    // before its manifest is written.
    private static void Ingest(string build, string store, int parallelism, int iterations)
    {
        using var local = new TwelveFactor.Core.Releases.Stores.LocalReleaseStore(store);
        string cache = System.IO.Path.Combine(store, "cache", "bench-ingest.txt");
        var times = new double[iterations];
        for (int i = -2; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            new TwelveFactor.Core.Releases.BuildIngester(local, parallelism, null, cache).IngestAsync(build, default).GetAwaiter().GetResult();
            if (i >= 0)
            {
                times[i] = sw.Elapsed.TotalMilliseconds;
            }
        }

        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest parallelism={parallelism} best_ms={times[0]:F1} median_ms={times[times.Length / 2]:F1}"));
    }

    // The resolver alone (what Get-TfConfig runs before it writes anything), to tell Core's cost from the cmdlet's.
    private static void Resolve(string path, int iterations)
    {
        var resolver = new ConfigResolver(_ => null);
        for (int i = 0; i < 2; i++)
        {
            resolver.Resolve(new[] { path }, filesAreExplicit: true, ConfigPrecedence.ProcessEnvironment);
        }

        var times = new double[iterations];
        int count = 0;
        for (int i = 0; i < iterations; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sw = Stopwatch.StartNew();
            count = resolver.Resolve(new[] { path }, filesAreExplicit: true, Environment.GetEnvironmentVariable("TF_BENCH_PRECEDENCE") == "FilesOnly" ? ConfigPrecedence.FilesOnly : ConfigPrecedence.ProcessEnvironment).Values.Count;
            times[i] = sw.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resolve values={count} best_ms={times[0]:F1} median_ms={times[times.Length / 2]:F1}"));
        var read = new double[iterations];
        for (int i = 0; i < iterations; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sw = Stopwatch.StartNew();
            count = EnvFileReader.Read(path).Entries.Count;
            read[i] = sw.Elapsed.TotalMilliseconds;
        }

        Array.Sort(read);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"of which reading the file: best_ms={read[0]:F1} median_ms={read[read.Length / 2]:F1}"));
    }

    private static void Parse(string path, int iterations)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int entries = 0;
        for (int i = 0; i < 3; i++)
        {
            entries = EnvDocument.Parse(EnvFileCodec.Decode(bytes, path).Text, path).Entries.Count;
        }

        var times = new double[iterations];
        for (int i = 0; i < iterations; i++)
        {
            // Each run starts from a collected heap, so one run's garbage is not charged to the next.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sw = Stopwatch.StartNew();
            EnvDocument doc = EnvDocument.Parse(EnvFileCodec.Decode(bytes, path).Text, path);
            sw.Stop();
            times[i] = sw.Elapsed.TotalMilliseconds;
            entries = doc.Entries.Count;
        }

        Array.Sort(times);
        double mbytes = bytes.Length / (1024.0 * 1024.0);
        double best = times[0];
        double median = times[times.Length / 2];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"core entries={entries} bytes={bytes.Length} best_ms={best:F1} median_ms={median:F1} best_mbps={mbytes / best * 1000:F1} median_mbps={mbytes / median * 1000:F1}"));
    }
}

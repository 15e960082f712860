using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using TwelveFactor.Core.Parity;

// Parity across 5 environments at 1k, 10k and 100k keys each (or the counts given as arguments). Each size runs
// once to warm up and then several times; the median is reported with the time per key, which stays flat when
// the work grows linearly.
internal static class Program
{
    private const int Environments = 5;

    private static int Main(string[] args)
    {
        int[] sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : new[] { 1_000, 10_000, 100_000 };
        var checker = new ParityChecker();
        Console.WriteLine($"ParityChecker, {Environments} environments, .NET {Environment.Version}, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine($"{"keys/env",9} {"mode",-22} {"median ms",10} {"min ms",9} {"findings",9} {"us/key",8} {"ns/key/pair",12}");

        // Warm up the JIT on a small input so the first size is not charged for it.
        checker.CheckAllPairs(new ParityInput(Generate(500)));

        foreach (int size in sizes)
        {
            List<EnvironmentConfig> envs = Generate(size);
            var input = new ParityInput(envs) { Releases = Releases() };
            int runs = size >= 100_000 ? 3 : size >= 10_000 ? 7 : 21;
            Report(size, "all pairs (10 pairs)", 10, runs, () => checker.CheckAllPairs(input).Count);
            Report(size, "reference vs 4", 4, runs, () => checker.CheckAgainstReference(input, "env0", new[] { "env1", "env2", "env3", "env4" }).Count);
        }

        return 0;
    }

    private static void Report(int size, string mode, int pairs, int runs, Func<int> run)
    {
        var times = new List<double>();
        int findings = 0;
        for (int i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var watch = Stopwatch.StartNew();
            findings = run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        double median = times[times.Count / 2];
        double perKey = median * 1000 / size;
        double perKeyPair = median * 1_000_000 / size / pairs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{size,9} {mode,-22} {median,10:0.0} {times[0],9:0.0} {findings,9} {perKey,8:0.00} {perKeyPair,12:0}"));
    }

    // A realistic mix: a fifth each of database URLs (passwords shared across environments), numbers,
    // booleans spelled two ways, secrets (shared by half the environments) and text; each environment lacks ~1%.
    private static List<EnvironmentConfig> Generate(int keys) =>
        Enumerable.Range(0, Environments).Select(e => new EnvironmentConfig($"env{e}", Enumerable.Range(0, keys)
            .Where(k => k % 97 != e)
            .Select(k => new ParityConfigEntry(
                $"SERVICE_{k}_SETTING",
                (k % 5) switch
                {
                    0 => $"postgres://app:pw-{k}-shared@db{e}.example.com:5432/app_{k}",
                    1 => (k * 7 + e).ToString(CultureInfo.InvariantCulture),
                    2 => e % 2 == 0 ? "true" : "yes",
                    3 => $"s3cr3t-value-{k}-{e % 2}",
                    _ => $"some text value {k}",
                },
                k % 5 == 3,
                $"/repo/.env.env{e}",
                k + 1)).ToList())).ToList();

    private static List<EnvironmentRelease> Releases() =>
        Enumerable.Range(0, Environments)
            .Select(e => new EnvironmentRelease($"env{e}", $"v{100 - e}", DateTimeOffset.UtcNow.AddDays(-3 * e)))
            .ToList();
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

using TwelveFactor.Core.AdminProcesses;
namespace TwelveFactor.AdminTaskBench;

/// <summary>
/// Side-by-side figures for the admin task runner (issue 4's performance section). Timed in one process, one
/// mode per run so the peak memory of the streaming mode is its own:
///   overhead [runs]      per-run cost of AdminTaskRunner over Process.Start for /bin/true
///   streaming [MiB]      lines through the runner vs the same child piped to cat, and peak memory
/// </summary>
internal static class Program
{
    private const string Line = "0123456789012345678901234567890123456789012345678901234567890123456789";

    private static async Task<int> Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "overhead";
        switch (mode)
        {
            case "overhead":
                await OverheadAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
                return 0;
            case "streaming":
                await StreamingAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
                return 0;
            default:
                Console.Error.WriteLine("usage: TwelveFactor.Benchmarks overhead [runs] | streaming [MiB]");
                return 2;
        }
    }

    private static async Task OverheadAsync(int runs)
    {
        var runner = new AdminTaskRunner();
        var spec = new AdminTaskSpec { FileName = "/bin/true" };
        var direct = new List<double>();
        var redirected = new List<double>();
        var viaRunner = new List<double>();

        // Warm up all three paths (JIT, thread pool, file system caches), then interleave so drift hits all alike.
        for (int i = 0; i < 20; i++)
        {
            Direct(false);
            Direct(true);
            await ViaRunnerAsync(runner, spec);
        }

        for (int i = 0; i < runs; i++)
        {
            direct.Add(Direct(false));
            redirected.Add(Direct(true));
            viaRunner.Add(await ViaRunnerAsync(runner, spec));
        }

        Console.WriteLine($"per-run cost of /bin/true over {runs} runs (ms)       median    mean     p95");
        Print("Process.Start, inherited streams", direct);
        Print("Process.Start, redirected + read to end", redirected);
        Print($"AdminTaskRunner (process groups: {runner.UsesProcessGroups})", viaRunner);
        Console.WriteLine($"overhead of the runner (median): {Median(viaRunner) - Median(direct):F2} ms over inherited streams, {Median(viaRunner) - Median(redirected):F2} ms over redirected (goal < 20 ms)");
    }

    private static double Direct(bool redirect)
    {
        long start = Stopwatch.GetTimestamp();
        using var process = Process.Start(new ProcessStartInfo("/bin/true")
        {
            UseShellExecute = false,
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
        })!;
        if (redirect)
        {
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
        }

        process.WaitForExit();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static async Task<double> ViaRunnerAsync(AdminTaskRunner runner, AdminTaskSpec spec)
    {
        long start = Stopwatch.GetTimestamp();
        using RunningAdminTask task = runner.Start(spec);
        while (await task.Output.WaitToReadAsync())
        {
            while (task.Output.TryRead(out _))
            {
            }
        }

        await task.Completion;
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static async Task StreamingAsync(int mebibytes)
    {
        const int rounds = 3;
        long bytes = mebibytes * 1024L * 1024L;
        string child = $"yes {Line} 2>/dev/null | head -c {bytes}";
        double mib = bytes / 1024.0 / 1024.0;

        GC.Collect();
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long rssBefore = PeakResidentBytes();
        long heapPeak = heapBefore;

        // The first runner round runs on freshly jitted code, as a cmdlet's first call would: shown apart.
        var catSeconds = new List<double>();
        var runnerSeconds = new List<double>();
        long lines = 0;
        for (int round = 0; round <= rounds; round++)
        {
            catSeconds.Add(TimeCat(child));
            (double seconds, long received, long peak) = await TimeRunnerAsync(child);
            runnerSeconds.Add(seconds);
            lines = received;
            heapPeak = Math.Max(heapPeak, peak);
        }

        double catMedian = Median(catSeconds.Skip(1).ToList());
        double runnerMedian = Median(runnerSeconds.Skip(1).ToList());
        Console.WriteLine($"streaming {mib:F0} MiB of {Line.Length + 1}-byte lines ({lines:N0} lines), median of {rounds} rounds after a first one");
        Console.WriteLine($"  child | cat > /dev/null          {catMedian,6:F2} s {mib / catMedian,7:F0} MiB/s");
        Console.WriteLine($"  AdminTaskRunner, drained         {runnerMedian,6:F2} s {mib / runnerMedian,7:F0} MiB/s  = {catMedian / runnerMedian:P0} of cat's throughput (goal >= 50%)");
        Console.WriteLine($"  AdminTaskRunner, first (cold)    {runnerSeconds[0],6:F2} s {mib / runnerSeconds[0],7:F0} MiB/s  = {catSeconds[0] / runnerSeconds[0]:P0} of cat's");
        Console.WriteLine($"  managed heap: {heapBefore / 1048576.0:F1} MiB before, peak sampled {heapPeak / 1048576.0:F1} MiB while streaming");
        Console.WriteLine($"  peak resident set (VmHWM) of this process: {rssBefore / 1048576.0:F1} MiB before, {PeakResidentBytes() / 1048576.0:F1} MiB after {rounds + 1} x {mib:F0} MiB");
    }

    // The reference: the same child piped to cat, in one shell, timed from outside as the runner is.
    private static double TimeCat(string child)
    {
        long start = Stopwatch.GetTimestamp();
        using var cat = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", child + " | cat > /dev/null" }, UseShellExecute = false })!;
        cat.WaitForExit();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task<(double Seconds, long Lines, long HeapPeak)> TimeRunnerAsync(string child)
    {
        long lines = 0, heapPeak = 0;
        long start = Stopwatch.GetTimestamp();
        using (RunningAdminTask task = new AdminTaskRunner().Start(new AdminTaskSpec { FileName = "/bin/sh", Arguments = new[] { "-c", child } }))
        {
            while (await task.Output.WaitToReadAsync())
            {
                while (task.Output.TryRead(out _))
                {
                    if (++lines % 100_000 == 0)
                    {
                        heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(forceFullCollection: false));
                    }
                }
            }

            await task.Completion;
        }

        return (Stopwatch.GetElapsedTime(start).TotalSeconds, lines, heapPeak);
    }

    private static long PeakResidentBytes()
    {
        // VmHWM: the process's peak resident set since it started, from the kernel.
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    private static void Print(string label, List<double> samples) =>
        Console.WriteLine($"  {label,-52} {Median(samples),7:F2} {samples.Average(),7:F2} {Percentile(samples, 0.95),7:F2}");

    private static double Median(List<double> samples) => Percentile(samples, 0.5);

    private static double Percentile(List<double> samples, double p)
    {
        List<double> sorted = samples.OrderBy(s => s).ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;

using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.Supervision;
namespace TwelveFactor.Core.Tests.AdminProcesses;

[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement
{
}

/// <summary>Measures this process's heap, so it runs alone.</summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class AdminTaskMemoryTests
{
    [UnixFact]
    public async Task StreamingHundredsOfMegabytesKeepsTheHeapFlat()
    {
        // 1.6 million lines of 71 bytes: 113 MB, which as .NET strings would be over 200 MB if it were held.
        const int lineCount = 1_600_000;
        var spec = new AdminTaskSpec
        {
            FileName = "/bin/sh",
            Arguments = new[] { "-c", $"yes 0123456789012345678901234567890123456789012345678901234567890123456789 | head -n {lineCount}" },
        };
        GC.Collect();
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        long lines = 0, chars = 0;

        using RunningAdminTask task = new AdminTaskRunner().Start(spec);
        using var patience = new CancellationTokenSource(TaskHarness.Patience);
        await foreach (TaskOutputLine line in task.Output.ReadAllAsync(patience.Token))
        {
            if (line.Kind == OutputKind.Stderr)
            {
                continue; // "yes: Broken pipe" once head has had enough.
            }

            lines++;
            chars += line.Line.Length;
            if (lines % 20_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            }
        }

        AdminTaskOutcome outcome = await task.Completion.WaitAsync(TaskHarness.Patience);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(lineCount, lines);
        Assert.Equal(lineCount * 70L, chars);
        long grown = peak - baseline;
        Assert.True(grown < 64L * 1024 * 1024, $"the heap grew by {grown / 1024 / 1024} MB while streaming");
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.Supervision;
namespace TwelveFactor.Core.Tests.AdminProcesses;

internal static class TaskHarness
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static AdminTaskSpec Shell(string script) => new()
    {
        FileName = "/bin/sh",
        Arguments = new[] { "-c", script },
        ShutdownGracePeriod = TimeSpan.FromSeconds(5),
    };

    /// <summary>The test app built beside the tests (tests/TwelveFactor.TestApp), through its apphost.</summary>
    public static string TestAppPath { get; } = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "TwelveFactor.TestApp.exe" : "TwelveFactor.TestApp");

    /// <summary>A task that runs the test app in one of its modes (see its Program.cs): exit, trap-term, ignore-term, child, orphan, ...</summary>
    public static AdminTaskSpec App(params string[] arguments) => new()
    {
        FileName = TestAppPath,
        Arguments = arguments,
        ShutdownGracePeriod = TimeSpan.FromSeconds(5),
    };

    public static async Task<(List<TaskOutputLine> Lines, AdminTaskOutcome Outcome)> RunAsync(
        AdminTaskSpec spec, AdminTaskRunner? runner = null, CancellationToken cancellationToken = default)
    {
        using RunningAdminTask task = (runner ?? new AdminTaskRunner()).Start(spec, cancellationToken);
        List<TaskOutputLine> lines = await DrainAsync(task);
        AdminTaskOutcome outcome = await task.Completion.WaitAsync(Patience);
        return (lines, outcome);
    }

    public static async Task<List<TaskOutputLine>> DrainAsync(RunningAdminTask task)
    {
        var lines = new List<TaskOutputLine>();
        using var patience = new CancellationTokenSource(Patience);
        await foreach (TaskOutputLine line in task.Output.ReadAllAsync(patience.Token))
        {
            lines.Add(line);
        }

        return lines;
    }

    public static List<string> Stdout(this IEnumerable<TaskOutputLine> lines) =>
        lines.Where(l => l.Kind == OutputKind.Stdout).Select(l => l.Line).ToList();

    public static List<string> Stderr(this IEnumerable<TaskOutputLine> lines) =>
        lines.Where(l => l.Kind == OutputKind.Stderr).Select(l => l.Line).ToList();

    /// <summary>True when the process has exited: gone from /proc, or a zombie nobody has reaped yet.</summary>
    public static bool IsGone(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return true;
        }

        string state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        return state is "Z" or "X";
    }

    public static async Task<TaskOutputLine> ReadOneAsync(RunningAdminTask task)
    {
        using var patience = new CancellationTokenSource(Patience);
        return await task.Output.ReadAsync(patience.Token);
    }

    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "tf-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}

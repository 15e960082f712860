using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.Supervision;
using TwelveFactor.Core.Foundation;
using static TwelveFactor.Core.Tests.AdminProcesses.TaskHarness;

namespace TwelveFactor.Core.Tests.AdminProcesses;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AdminTaskRunnerTests
{
    [UnixFact]
    public async Task AnInteractiveTaskWritesToTheTerminalNotTheChannelAndReturnsItsExitCode()
    {
        AdminTaskSpec spec = Shell("echo this goes to the test host, not the channel; exit 4");
        spec = new AdminTaskSpec { FileName = spec.FileName, Arguments = spec.Arguments, Interactive = true };

        (List<TaskOutputLine> lines, AdminTaskOutcome outcome) = await RunAsync(spec);

        Assert.Empty(lines);
        Assert.Equal(4, outcome.ExitCode);
    }

    [UnixFact]
    public async Task AnInteractiveTaskIsLeftToHandleCtrlCButTheTimeoutStillStopsIt()
    {
        // Ctrl+C at a terminal reaches an interactive task directly; PowerShell's stop must not kill it too.
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var sleeper = new AdminTaskSpec { FileName = "/bin/sh", Arguments = new[] { "-c", "sleep 1; exit 5" }, Interactive = true };
        (_, AdminTaskOutcome finished) = await RunAsync(sleeper, cancellationToken: cancel.Token);
        Assert.Equal(5, finished.ExitCode);
        Assert.False(finished.Cancelled);

        var stuck = new AdminTaskSpec
        {
            FileName = "/bin/sh",
            Arguments = new[] { "-c", "exec sleep 30" },
            Interactive = true,
            Timeout = TimeSpan.FromMilliseconds(300),
            ShutdownGracePeriod = TimeSpan.FromSeconds(2),
        };
        var clock = Stopwatch.StartNew();
        (_, AdminTaskOutcome timedOut) = await RunAsync(stuck);
        Assert.True(timedOut.TimedOut);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [UnixFact]
    public async Task ConfigBecomesTheEnvironmentAndOverridesWin()
    {
        var spec = new AdminTaskSpec
        {
            FileName = "/bin/sh",
            Arguments = new[] { "-c", "echo \"A=$A\"; echo \"B=$B\"; echo \"C=${C-unset}\"; echo \"EMPTY=${EMPTY-unset}\"" },
            Environment = new Dictionary<string, string> { ["A"] = "from config", ["B"] = "config b", ["C"] = "config c", ["EMPTY"] = "" },
            Overrides = new Dictionary<string, string?> { ["B"] = "override b", ["C"] = null },
        };

        (List<TaskOutputLine> lines, AdminTaskOutcome outcome) = await RunAsync(spec);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(new[] { "A=from config", "B=override b", "C=unset", "EMPTY=" }, lines.Stdout());
    }

    [UnixFact]
    public async Task MachineBasicsAreInheritedButTheCallersAppSettingsAreNot()
    {
        string leak = "TF_TEST_LEAK_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(leak, "from the shell");
        try
        {
            string script = $"echo \"leak=${{{leak}-unset}}\"; echo \"path=${{PATH:+set}}\"; echo \"home=${{HOME:+set}}\"";
            AdminTaskSpec basics = Shell(script);
            AdminTaskSpec all = new() { FileName = "/bin/sh", Arguments = basics.Arguments, Inheritance = EnvironmentInheritance.All };

            Assert.Equal(new[] { "leak=unset", "path=set", "home=set" }, (await RunAsync(basics)).Lines.Stdout());
            Assert.Equal(new[] { "leak=from the shell", "path=set", "home=set" }, (await RunAsync(all)).Lines.Stdout());
        }
        finally
        {
            Environment.SetEnvironmentVariable(leak, null);
        }
    }

    [UnixFact]
    public async Task InheritingNothingLeavesOnlyTheConfig()
    {
        AdminTaskSpec spec = new()
        {
            FileName = "/usr/bin/env",
            Inheritance = EnvironmentInheritance.None,
            Environment = new Dictionary<string, string> { ["ONLY"] = "this" },
        };

        // Plus the run marker, by which the runner finds what the task started even after a setsid.
        List<string> lines = (await RunAsync(spec)).Lines.Stdout();
        Assert.Equal(new[] { "ONLY=this" }, lines.Where(l => !l.StartsWith("TF_ADMIN_TASK_RUN=", StringComparison.Ordinal)));
        Assert.Matches("^TF_ADMIN_TASK_RUN=[0-9a-f]{32}$", Assert.Single(lines, l => l.StartsWith("TF_ADMIN_TASK_RUN=", StringComparison.Ordinal)));
    }

    [UnixFact]
    public async Task TheCommandIsFoundOnThePathTheTaskSees()
    {
        string bin = TempDirectory();
        string tool = Path.Combine(bin, "tf-test-tool");
        File.WriteAllText(tool, "#!/bin/sh\necho tool ran in \"$PWD\"\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        AdminTaskSpec spec = new()
        {
            FileName = "tf-test-tool",
            WorkingDirectory = bin,
            Environment = new Dictionary<string, string> { ["PATH"] = bin + ":/usr/bin:/bin" },
        };

        Assert.Equal(new[] { $"tool ran in {bin}" }, (await RunAsync(spec)).Lines.Stdout());
    }

    [UnixFact]
    public async Task OutputArrivesWhileTheTaskIsStillRunning()
    {
        string gate = Path.Combine(TempDirectory(), "gate");
        AdminTaskSpec spec = Shell($"echo first; while [ ! -e '{gate}' ]; do sleep 0.05; done; echo second");
        using RunningAdminTask task = new AdminTaskRunner().Start(spec);

        TaskOutputLine first = await ReadOneAsync(task);

        Assert.Equal(new TaskOutputLine(OutputKind.Stdout, "first"), first);
        Assert.False(task.Completion.IsCompleted, "the first line must arrive before the task ends");
        File.WriteAllText(gate, "");
        Assert.Equal(new[] { "second" }, (await DrainAsync(task)).Stdout());
        Assert.Equal(0, (await task.Completion.WaitAsync(Patience)).ExitCode);
    }

    [UnixFact]
    public async Task StderrIsKeptApartFromStdout()
    {
        (List<TaskOutputLine> lines, _) = await RunAsync(Shell("echo out1; echo err1 >&2; echo out2; echo err2 >&2"));

        Assert.Equal(new[] { "out1", "out2" }, lines.Stdout());
        Assert.Equal(new[] { "err1", "err2" }, lines.Stderr());
    }

    [UnixFact]
    public async Task TheExitCodeIsReported()
    {
        AdminTaskOutcome outcome = (await RunAsync(App("exit", "7"))).Outcome;

        Assert.Equal(7, outcome.ExitCode);
        Assert.False(outcome.TimedOut);
        Assert.False(outcome.Cancelled);
        Assert.False(outcome.Killed);
        Assert.InRange(outcome.StartedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    [UnixFact]
    public async Task LinesAreSplitOnNewlinesWithCarriageReturnsDroppedAndTheLastPartialLineKept()
    {
        (List<TaskOutputLine> lines, _) = await RunAsync(Shell("printf 'a\\r\\nb\\n\\nc'"));

        Assert.Equal(new[] { "a", "b", "", "c" }, lines.Stdout());
    }

    [UnixFact]
    public async Task ALineThatNeverEndsArrivesInBoundedPieces()
    {
        // A 1 MB line (a JSON document, say) is one string; a line past the 16 MiB limit comes in bounded pieces.
        (List<TaskOutputLine> oneMegabyte, _) = await RunAsync(Shell("head -c 1000000 /dev/zero | tr '\\0' a; echo"));
        Assert.Equal(1000000, Assert.Single(oneMegabyte.Stdout()).Length);

        (List<TaskOutputLine> lines, _) = await RunAsync(Shell("head -c 17000000 /dev/zero | tr '\\0' a"));
        List<string> pieces = lines.Stdout();
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, 16 * 1024 * 1024));
        Assert.Equal(2, pieces.Count);
        Assert.Equal(17000000, pieces.Sum(p => p.Length));
    }

    [UnixFact]
    public async Task ADescendantThatCallsSetsidDoesNotOutliveTheTask()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the run marker is read from /proc
        }

        string pidFile = Path.Combine(Path.GetTempPath(), "tf-setsid-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The daemon leaves the task's session and process group, and its parent exits at once.
            AdminTaskSpec spec = Shell($"setsid sh -c 'echo $$ > {pidFile}; exec sleep 60' & sleep 0.3; echo started");
            (List<TaskOutputLine> lines, AdminTaskOutcome outcome) = await RunAsync(spec);

            Assert.Equal(new[] { "started" }, lines.Stdout());
            int daemon = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(IsAlive(daemon), $"the setsid daemon {daemon} outlived the task");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    private static bool IsAlive(int pid)
    {
        string stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            string text = File.ReadAllText(stat);
            char state = text[text.LastIndexOf(')') + 2];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    [UnixFact]
    public async Task ATimeoutStopsTheTaskGracefullyFirst()
    {
        // The timeout leaves the app's runtime time to start and install its SIGTERM handler, even on a loaded machine.
        AdminTaskSpec spec = App("trap-term", "3");
        spec = WithStop(spec, timeout: TimeSpan.FromSeconds(3), grace: TimeSpan.FromSeconds(20));
        var watch = Stopwatch.StartNew();

        (List<TaskOutputLine> lines, AdminTaskOutcome outcome) = await RunAsync(spec);

        Assert.Equal(new[] { "ready", "got TERM" }, lines.Stdout());
        Assert.True(outcome.TimedOut);
        Assert.False(outcome.Killed);
        Assert.Equal(3, outcome.ExitCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    [UnixFact]
    public async Task ATaskThatIgnoresTermIsKilledAfterTheGracePeriod()
    {
        AdminTaskSpec spec = App("ignore-term");
        spec = WithStop(spec, timeout: TimeSpan.FromSeconds(3), grace: TimeSpan.FromSeconds(1));

        (List<TaskOutputLine> lines, AdminTaskOutcome outcome) = await RunAsync(spec);

        Assert.Equal(new[] { "ready" }, lines.Stdout());
        Assert.True(outcome.TimedOut);
        Assert.True(outcome.Killed);
        Assert.Equal(137, outcome.ExitCode);
        Assert.InRange(outcome.Duration, TimeSpan.FromSeconds(3.9), TimeSpan.FromSeconds(30));
    }

    [UnixFact]
    public async Task CancellationStopsTheTaskAndItsGrandchildren()
    {
        using var cancel = new CancellationTokenSource();
        AdminTaskSpec spec = App("child");
        using RunningAdminTask task = new AdminTaskRunner().Start(spec, cancel.Token);
        int grandchild = int.Parse((await ReadOneAsync(task)).Line);
        Assert.False(IsGone(grandchild));

        cancel.Cancel();
        await DrainAsync(task);
        AdminTaskOutcome outcome = await task.Completion.WaitAsync(Patience);

        Assert.True(outcome.Cancelled);
        Assert.False(outcome.TimedOut);
        Assert.True(IsGone(grandchild), $"grandchild {grandchild} survived");
    }

    [UnixFact]
    public async Task WhatTheTaskLeavesBehindIsStoppedWhenItExits()
    {
        // The grandchild is re-parented to init when the app exits: only its process group still finds it.
        (List<TaskOutputLine> lines, AdminTaskOutcome outcome) = await RunAsync(App("orphan"));

        int grandchild = int.Parse(lines.Stdout().Single());
        Assert.Equal(0, outcome.ExitCode);
        Assert.True(IsGone(grandchild), $"grandchild {grandchild} survived");
        Assert.False(outcome.Killed);
    }

    [UnixFact]
    public async Task AnOrphanThatIgnoresTermIsKilledAfterTheGracePeriod()
    {
        // The grandchild writes its pid only once it ignores TERM, and the shell exits only after that.
        string ready = Path.Combine(TempDirectory(), "ready");
        string script = $"sh -c 'trap \"\" TERM; echo $$ > {ready}.tmp; mv {ready}.tmp {ready}; exec sleep 300' & "
            + $"while [ ! -e {ready} ]; do sleep 0.01; done; cat {ready}; exit 0";
        AdminTaskSpec spec = WithStop(Shell(script), timeout: null, grace: TimeSpan.FromSeconds(1));

        (List<TaskOutputLine> lines, AdminTaskOutcome outcome) = await RunAsync(spec);

        int grandchild = int.Parse(lines.Stdout().Single());
        Assert.True(IsGone(grandchild), $"grandchild {grandchild} survived");
        Assert.True(outcome.Killed);
    }

    [UnixFact]
    public async Task WithoutSetsidTheStopStillReachesTheGrandchildren()
    {
        using var cancel = new CancellationTokenSource();
        var runner = new AdminTaskRunner(setsid: null);
        Assert.False(runner.UsesProcessGroups);
        using RunningAdminTask task = runner.Start(Shell("sleep 300 & echo $!; wait"), cancel.Token);
        int grandchild = int.Parse((await ReadOneAsync(task)).Line);

        cancel.Cancel();
        await DrainAsync(task);
        AdminTaskOutcome outcome = await task.Completion.WaitAsync(Patience);

        Assert.True(outcome.Cancelled);
        Assert.True(IsGone(grandchild), $"grandchild {grandchild} survived");
    }

    [UnixFact]
    public async Task DisposingARunningTaskKillsItAtOnce()
    {
        RunningAdminTask task = new AdminTaskRunner().Start(Shell("echo $$; exec sleep 300"));
        int pid = int.Parse((await ReadOneAsync(task)).Line);
        var watch = Stopwatch.StartNew();

        task.Dispose();

        Assert.True(task.Completion.IsCompleted);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.True(IsGone(pid));
    }

    [UnixFact]
    public void AnUnknownCommandIsCommandNotFound()
    {
        var ex = Assert.Throws<AdminTaskException>(() => new AdminTaskRunner().Start(new AdminTaskSpec { FileName = "tf-no-such-command-4711" }));

        Assert.Equal(ProblemId.AdminTaskCommandNotFound, ex.Problem);
        Assert.Equal("tf-no-such-command-4711", ex.Target);
        Assert.Contains("'tf-no-such-command-4711'", ex.Message);
    }

    [UnixFact]
    public void AFileThatIsNotExecutableIsCommandNotFound()
    {
        string file = Path.Combine(TempDirectory(), "script.sh");
        File.WriteAllText(file, "echo hi\n");

        var ex = Assert.Throws<AdminTaskException>(() => new AdminTaskRunner().Start(new AdminTaskSpec { FileName = file }));

        Assert.Equal(ProblemId.AdminTaskCommandNotFound, ex.Problem);
    }

    [UnixFact]
    public void AMissingWorkingDirectoryIsReported()
    {
        string missing = Path.Combine(TempDirectory(), "gone");

        var ex = Assert.Throws<AdminTaskException>(() => new AdminTaskRunner().Start(new AdminTaskSpec { FileName = "/bin/true", WorkingDirectory = missing }));

        Assert.Equal(ProblemId.AdminTaskWorkingDirectoryNotFound, ex.Problem);
        Assert.Equal(missing, ex.Target);
    }

    [UnixFact]
    public void AnInvalidVariableNamesTheKeyButNeverTheValue()
    {
        const string secret = "s3cr3t-value-4711";
        var spec = new AdminTaskSpec { FileName = "/bin/true", Environment = new Dictionary<string, string> { ["DB_PASSWORD"] = secret + "\0" } };

        var ex = Assert.Throws<AdminTaskException>(() => new AdminTaskRunner().Start(spec));

        Assert.Equal(ProblemId.AdminTaskEnvironmentInvalid, ex.Problem);
        Assert.Contains("DB_PASSWORD", ex.Message);
        Assert.DoesNotContain(secret, ex.ToString());
    }

    [UnixFact]
    public async Task LoggingCommandsAreNeutralisedInBothStreamsWhenAsked()
    {
        const string script = "echo 'x ##vso[task.setvariable variable=A]b'; echo '##VSO[task.complete]' >&2";

        (List<TaskOutputLine> neutral, _) = await RunAsync(new AdminTaskSpec { FileName = "/bin/sh", Arguments = new[] { "-c", script }, NeutraliseLoggingCommands = true });
        (List<TaskOutputLine> raw, _) = await RunAsync(new AdminTaskSpec { FileName = "/bin/sh", Arguments = new[] { "-c", script } });

        Assert.Equal(new[] { "x **vso[task.setvariable variable=A]b" }, neutral.Stdout());
        Assert.Equal(new[] { "**VSO[task.complete]" }, neutral.Stderr());
        Assert.Equal(new[] { "x ##vso[task.setvariable variable=A]b" }, raw.Stdout());
    }

    [UnixFact]
    public async Task AReaderThatDoesNotReadMakesTheTaskWait()
    {
        var spec = new AdminTaskSpec { FileName = "seq", Arguments = new[] { "1", "1000000" }, OutputBufferChunks = 1 };
        using RunningAdminTask task = new AdminTaskRunner().Start(spec);

        await Task.Delay(1000);

        Assert.False(task.Completion.IsCompleted, "7 MB of output cannot fit a one-chunk buffer and a pipe: seq must be waiting");
        List<TaskOutputLine> lines = await DrainAsync(task);
        Assert.Equal(1000000, lines.Count);
        Assert.Equal("1000000", lines[^1].Line);
    }

    [UnixFact]
    public void AnAlreadyCancelledTokenStartsNothing()
    {
        Assert.Throws<OperationCanceledException>(() => new AdminTaskRunner().Start(Shell("true"), new CancellationToken(canceled: true)));
    }

    private static AdminTaskSpec WithStop(AdminTaskSpec spec, TimeSpan? timeout, TimeSpan grace) => new()
    {
        FileName = spec.FileName,
        Arguments = spec.Arguments,
        Timeout = timeout,
        ShutdownGracePeriod = grace,
    };
}

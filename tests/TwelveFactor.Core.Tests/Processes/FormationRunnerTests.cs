using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Processes;
using TwelveFactor.Core.Tests.AdminProcesses;

namespace TwelveFactor.Core.Tests.Processes;

/// <summary>Formations of the test app (tests/TwelveFactor.TestApp) run for real: ports, stops, restarts, orphans.</summary>
public sealed class FormationRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static string App(string mode) => "'" + TaskHarness.TestAppPath + "' " + mode;

    // A base below the ephemeral range (32768 and up on Linux, where client sockets of other tests come and go) whose
    // first ports of the first types are free now: a formation's apps must be able to bind what they are given.
    private static int BasePort()
    {
        while (true)
        {
            int candidate = 20000 + (Random.Shared.Next(0, 120) * 100);
            if (new[] { 0, 1, 2, 100, 101, 200 }.All(offset => IsFree(candidate + offset)))
            {
                return candidate;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static FormationOptions Options(string procfile, string? formation = null, int? basePort = null, RestartPolicy restart = RestartPolicy.Never, double graceSeconds = 5) =>
        new()
        {
            Instances = Formation.Parse(formation).Plan(Procfile.Parse(procfile), basePort ?? BasePort()),
            WorkingDirectory = TaskHarness.TempDirectory(),
            Restart = restart,
            ShutdownGracePeriod = TimeSpan.FromSeconds(graceSeconds),
            FirstRestartDelay = TimeSpan.FromMilliseconds(100),
        };

    private static async Task<(List<LogEvent> Events, FormationOutcome Outcome)> CollectAsync(RunningFormation running, Func<List<LogEvent>, bool>? stopWhen = null)
    {
        var events = new List<LogEvent>();
        using var patience = new CancellationTokenSource(Patience);
        await foreach (LogEvent e in running.Events.ReadAllAsync(patience.Token))
        {
            events.Add(e);
            if (stopWhen?.Invoke(events) == true)
            {
                running.Stop();
                stopWhen = null;
            }
        }

        return (events, await running.Completion.WaitAsync(Patience));
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [UnixFact]
    public async Task EveryProcessGetsItsPortAndAStopEndsThemAllGracefully()
    {
        int basePort = BasePort();
        FormationOptions options = Options($"web: {App("serve")}\nworker: {App("serve")}\n", "web=2,worker=1", basePort);
        using RunningFormation running = new FormationRunner(options).Start(CancellationToken.None);
        var ports = new[] { basePort, basePort + 1, basePort + 100 };

        (List<LogEvent> events, FormationOutcome outcome) = await CollectAsync(running, seen =>
            seen.Count(e => e.Line.Contains("listening", StringComparison.Ordinal)) == 3 && ports.All(Accepts));

        Assert.Equal(
            new[] { $"web.1 listening on {basePort}", $"web.2 listening on {basePort + 1}", $"worker.1 listening on {basePort + 100}" },
            events.Where(e => e.Stream == LogStream.Stdout && e.Line.Contains("listening", StringComparison.Ordinal)).Select(e => e.Line).Order());
        Assert.Equal(new[] { "web.1", "web.2", "worker.1" }, events.Where(e => e.Line == "stopping").Select(e => e.Process).Order());
        Assert.True(outcome.StoppedByUser);
        Assert.Null(outcome.StoppedBy);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Empty(outcome.Killed);
        Assert.DoesNotContain(ports, Accepts);
    }

    [UnixFact]
    public async Task WhenOneProcessExitsTheOthersAreStoppedAndItsCodeIsTheFormations()
    {
        FormationOptions options = Options($"web: {App("serve")}\noneshot: {App("exit-after 3 3")}\n");
        using RunningFormation running = new FormationRunner(options).Start(CancellationToken.None);

        (List<LogEvent> events, FormationOutcome outcome) = await CollectAsync(running);

        Assert.Equal("oneshot.1", outcome.StoppedBy);
        Assert.Equal(3, outcome.ExitCode);
        Assert.False(outcome.StoppedByUser);
        Assert.Contains(events, e => e.Process == FormationRunner.SystemProcess && e.Line == "oneshot.1 exited with code 3");
        Assert.Contains(events, e => e.Process == "web.1" && e.Line == "stopping");
    }

    [UnixFact]
    public async Task AProcessThatCrashesIsRestartedWhileTheOthersRun()
    {
        string marker = Path.Combine(TaskHarness.TempDirectory(), "crashed");
        FormationOptions options = Options($"web: {App("serve")}\nflaky: {App("crash-once '" + marker + "'")}\n", restart: RestartPolicy.OnFailure);
        using RunningFormation running = new FormationRunner(options).Start(CancellationToken.None);

        (List<LogEvent> events, FormationOutcome outcome) = await CollectAsync(running, seen =>
            seen.Count(e => e.Process == "flaky.1" && e.Line.Contains("listening", StringComparison.Ordinal)) == 1
            && seen.Any(e => e.Process == "web.1" && e.Line.Contains("listening", StringComparison.Ordinal)));

        Assert.True(outcome.Restarts == 1, $"restarts: {outcome.Restarts}\n" + string.Join("\n", events.Select(e => $"{e.Process} {e.Stream} {e.Line}")));
        Assert.Contains(events, e => e.Process == "flaky.1" && e.Stream == LogStream.Stderr && e.Line == "crashing on purpose");
        Assert.Contains(events, e => e.Process == FormationRunner.SystemProcess && e.Line.StartsWith("flaky.1 exited with code 3; starting it again in", StringComparison.Ordinal));
        Assert.Equal(1, events.Count(e => e.Process == "web.1" && e.Line.Contains("listening", StringComparison.Ordinal)));
        Assert.True(outcome.StoppedByUser);
    }

    [UnixFact]
    public async Task AProcessThatIgnoresTermIsKilledAfterTheGracePeriod()
    {
        FormationOptions options = Options($"stubborn: {App("serve-ignore-term")}\n", graceSeconds: 1);
        using RunningFormation running = new FormationRunner(options).Start(CancellationToken.None);

        (List<LogEvent> events, FormationOutcome outcome) = await CollectAsync(running, seen => seen.Any(e => e.Line.Contains("listening", StringComparison.Ordinal)));

        Assert.Equal(new[] { "stubborn.1" }, outcome.Killed);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(events, e => e.Line.StartsWith("stubborn.1 did not stop within the grace period", StringComparison.Ordinal));
    }

    [UnixFact]
    public async Task WhatAProcessLeavesBehindDoesNotOutliveTheFormation()
    {
        FormationOptions options = Options($"parent: {App("orphan")}\n");
        using RunningFormation running = new FormationRunner(options).Start(CancellationToken.None);

        (List<LogEvent> events, FormationOutcome outcome) = await CollectAsync(running);

        int grandchild = int.Parse(events.Single(e => e.Stream == LogStream.Stdout).Line, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(TaskHarness.IsGone(grandchild), $"the grandchild {grandchild} outlived the formation");
        Assert.Equal(0, outcome.ExitCode);
    }

    [UnixFact]
    public async Task ADaemonThatLeftTheProcessGroupDoesNotOutliveTheFormation()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // found by the run marker in /proc
        }

        string pidFile = Path.Combine(TaskHarness.TempDirectory(), "daemon.pid");
        FormationOptions options = Options($"web: {App("daemon '" + pidFile + "'")}\n");
        using RunningFormation running = new FormationRunner(options).Start(CancellationToken.None);

        (_, FormationOutcome outcome) = await CollectAsync(running, seen => seen.Any(e => e.Line.Contains("listening", StringComparison.Ordinal)) && File.Exists(pidFile));

        int daemon = int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(TaskHarness.IsGone(daemon), $"the setsid daemon {daemon} outlived the formation");
        Assert.True(outcome.StoppedByUser);
    }

    [UnixFact]
    public async Task StructuredLinesCarryTheirLevelAndFields()
    {
        FormationOptions options = Options($"log: {App("structured")}\n");
        using RunningFormation running = new FormationRunner(options).Start(CancellationToken.None);

        (List<LogEvent> events, _) = await CollectAsync(running);

        var lines = events.Where(e => e.Process == "log.1" && e.Stream == LogStream.Stdout).ToList();
        Assert.Equal(new[] { "info", "warn", null }, lines.Select(e => e.Level));
        Assert.Equal("error", events.Single(e => e.Process == "log.1" && e.Stream == LogStream.Stderr).Level);
        Assert.Equal("started", lines[0].Fields["msg"]);
        Assert.Equal("3%", lines[1].Fields["free"]);
    }

    [UnixFact]
    public async Task TheCallersCancellationIsAGracefulStop()
    {
        using var cancel = new CancellationTokenSource();
        FormationOptions options = Options($"web: {App("serve")}\n");
        using RunningFormation running = new FormationRunner(options).Start(cancel.Token);
        var events = new List<LogEvent>();
        await foreach (LogEvent e in running.Events.ReadAllAsync())
        {
            events.Add(e);
            if (e.Line.Contains("listening", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        }

        FormationOutcome outcome = await running.Completion.WaitAsync(Patience);
        Assert.True(outcome.StoppedByUser);
        Assert.Contains(events, e => e.Line == "stopping");
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Processes;
using TwelveFactor.Core.Tests.AdminProcesses;

namespace TwelveFactor.Core.Tests.Processes;

public sealed class DisposabilityProbeTests
{
    private static Task<DisposabilityReport> ProbeAsync(string mode, double graceSeconds = 5, double startSeconds = 20) =>
        DisposabilityProbe.ProbeAsync(
            new ProcessTypeDefinition("web", "'" + TaskHarness.TestAppPath + "' " + mode, 1),
            new Dictionary<string, string>(),
            TaskHarness.TempDirectory(),
            TimeSpan.FromSeconds(startSeconds),
            TimeSpan.FromSeconds(graceSeconds),
            CancellationToken.None);

    private static DisposabilityCheck Check(DisposabilityReport report, string factor) => report.Checks.Single(c => c.Factor.StartsWith(factor + " ", StringComparison.Ordinal));

    [UnixFact]
    public async Task AWellBehavedWebProcessPassesEveryCheck()
    {
        DisposabilityReport report = await ProbeAsync("serve");

        Assert.True(report.Passed, string.Join("\n", report.Checks.Select(c => c.Detail)));
        Assert.NotNull(report.Startup);
        Assert.InRange(report.Startup!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        Assert.Equal(0, report.ExitCode);
        Assert.False(report.Killed);
        Assert.True(report.LinesWritten >= 2);
        Assert.Empty(report.FilesWritten);
        Assert.Equal(new[] { "VII", "IX", "XI", "VI" }, report.Checks.Select(c => c.Factor.Split(' ')[0]));
    }

    [UnixFact]
    public async Task AProcessThatNeverBindsFailsPortBinding()
    {
        DisposabilityReport report = await ProbeAsync("never-bind", startSeconds: 1.5);

        Assert.False(Check(report, "VII").Passed);
        Assert.Null(report.Startup);
        Assert.Contains("PORT " + report.Port, Check(report, "VII").Detail);
    }

    [UnixFact]
    public async Task LogFilesFailTheLogsCheckAndStateFilesTheProcessesCheck()
    {
        DisposabilityReport logging = await ProbeAsync("serve-log-file");
        Assert.False(Check(logging, "XI").Passed);
        Assert.True(Check(logging, "VI").Passed);
        Assert.Contains("app.log", Check(logging, "XI").Detail);

        DisposabilityReport stateful = await ProbeAsync("serve-state-file");
        Assert.True(Check(stateful, "XI").Passed);
        Assert.False(Check(stateful, "VI").Passed);
        Assert.Equal(new[] { "state.db" }, stateful.FilesWritten);
    }

    [UnixFact]
    public async Task AProcessThatIgnoresTermFailsDisposability()
    {
        DisposabilityReport report = await ProbeAsync("serve-ignore-term", graceSeconds: 1);

        Assert.False(Check(report, "IX").Passed);
        Assert.True(report.Killed);
        Assert.InRange(report.Shutdown, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(30));
    }
}

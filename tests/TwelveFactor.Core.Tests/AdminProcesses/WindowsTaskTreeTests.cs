using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Threading.Tasks;
using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.Supervision;
using static TwelveFactor.Core.Tests.AdminProcesses.TaskHarness;

namespace TwelveFactor.Core.Tests.AdminProcesses;

/// <summary>
/// The Windows half of "nothing is left running": the job object's structures and the .NET 10 property that
/// gives a task its own console group are checked everywhere; the behaviour itself only on Windows.
/// </summary>
public sealed class WindowsTaskTreeTests
{
    [Fact]
    public void JobStructuresHaveTheSizesWindowsExpects()
    {
        // winnt.h sizes on 64-bit Windows (x64 and arm64); SetInformationJobObject rejects any other length.
        Assert.True(Environment.Is64BitProcess, "the test host is 64-bit");
        Assert.Equal(48, Marshal.SizeOf<IoCounters>());
        Assert.Equal(64, Marshal.SizeOf<JobObjectBasicLimitInformation>());
        Assert.Equal(144, Marshal.SizeOf<JobObjectExtendedLimitInformation>());
        Assert.Equal(48, Marshal.SizeOf<JobObjectBasicAccountingInformation>());
        Assert.Equal(16, Marshal.OffsetOf<JobObjectBasicLimitInformation>(nameof(JobObjectBasicLimitInformation.LimitFlags)).ToInt32());
        Assert.Equal(64, Marshal.OffsetOf<JobObjectExtendedLimitInformation>(nameof(JobObjectExtendedLimitInformation.IoInfo)).ToInt32());
        Assert.Equal(40, Marshal.OffsetOf<JobObjectBasicAccountingInformation>(nameof(JobObjectBasicAccountingInformation.ActiveProcesses)).ToInt32());
    }

    [Fact]
    public void TheNewProcessGroupPropertyIsFoundOnDotNet10()
    {
        // The module builds for .NET 8 and finds ProcessStartInfo.CreateNewProcessGroup by name: a rename in
        // a later .NET would silently turn the graceful stop off, so the lookup is pinned here.
        if (Environment.Version.Major >= 10)
        {
            Assert.NotNull(WindowsConsoleGroup.NewGroupProperty);
        }
        else
        {
            Assert.Null(WindowsConsoleGroup.NewGroupProperty);
        }
    }

    [WindowsFact]
    [SupportedOSPlatform("windows")]
    public async Task AnOrphanedGrandchildIsKilledWithTheTask()
    {
        // cmd starts ping in the background and exits at once: ping's parent is gone, so only the job finds it.
        DateTime before = DateTime.Now.AddSeconds(-1);
        var spec = new AdminTaskSpec
        {
            FileName = "cmd.exe",
            Arguments = new[] { "/c", "start \"\" /b ping -n 300 127.0.0.1 >nul & echo started" },
            ShutdownGracePeriod = TimeSpan.FromSeconds(1),
        };

        (List<TaskOutputLine> lines, AdminTaskOutcome outcome) = await RunAsync(spec);

        Assert.Contains("started", lines.Stdout());
        Assert.Equal(0, outcome.ExitCode);
        List<Process> leftovers = Process.GetProcessesByName("PING").Where(p => StartedAfter(p, before)).ToList();
        Assert.Empty(leftovers);
    }

    [SupportedOSPlatform("windows")]
    private static bool StartedAfter(Process process, DateTime time)
    {
        try
        {
            return !process.HasExited && process.StartTime >= time;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

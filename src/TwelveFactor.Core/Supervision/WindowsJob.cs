using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace TwelveFactor.Core.Supervision;

/// <summary>
/// A Windows job object holding one task and everything it starts: what a process group is on Linux. Windows
/// does not re-parent orphans to anything, so <c>Process.Kill(entireProcessTree: true)</c>, which walks parent
/// ids, misses a grandchild whose parent has exited; a job holds it regardless. With KILL_ON_JOB_CLOSE the job
/// also takes its processes down if PowerShell itself dies before it can stop them.
/// </summary>
/// <remarks>
/// The task is assigned right after it starts (.NET cannot create it suspended), so a child it starts in its
/// first instant, before the assignment, is outside the job; everything started later is inside, as are its
/// descendants unless they ask to break away and the job allowed it (this one does not).
/// </remarks>
[SupportedOSPlatform("windows")]
internal sealed class WindowsJob : IDisposable
{
    private const int JobObjectBasicAccountingInformationClass = 1;
    private const int JobObjectExtendedLimitInformationClass = 9;
    private const uint JobObjectLimitKillOnJobClose = 0x2000;

    private readonly WindowsJobHandle _handle;

    private WindowsJob(WindowsJobHandle handle)
    {
        _handle = handle;
    }

    /// <summary>Puts <paramref name="process"/> in a new job; null when Windows refuses (the caller then falls back to tree kills).</summary>
    public static WindowsJob? TryCreateFor(Process process)
    {
        WindowsJobHandle handle = CreateJobObjectW(IntPtr.Zero, null);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            return null;
        }

        var limits = new JobObjectExtendedLimitInformation
        {
            BasicLimitInformation = new JobObjectBasicLimitInformation { LimitFlags = JobObjectLimitKillOnJobClose },
        };
        bool ready = SetInformationJobObject(handle, JobObjectExtendedLimitInformationClass, ref limits, Marshal.SizeOf<JobObjectExtendedLimitInformation>());
        try
        {
            ready = ready && AssignProcessToJobObject(handle, process.Handle);
        }
        catch (InvalidOperationException)
        {
            ready = false; // exited and reaped already
        }

        if (!ready)
        {
            handle.Dispose();
            return null;
        }

        return new WindowsJob(handle);
    }

    /// <summary>How many processes of the job are running (exited ones are not counted).</summary>
    public int ActiveProcesses
    {
        get
        {
            if (_handle.IsClosed
                || !QueryInformationJobObject(_handle, JobObjectBasicAccountingInformationClass, out JobObjectBasicAccountingInformation info, Marshal.SizeOf<JobObjectBasicAccountingInformation>(), IntPtr.Zero))
            {
                return 0;
            }

            return (int)info.ActiveProcesses;
        }
    }

    /// <summary>Kills every process in the job at once.</summary>
    public void Terminate()
    {
        if (!_handle.IsClosed)
        {
            _ = TerminateJobObject(_handle, 1);
        }
    }

    public void Dispose() => _handle.Dispose();

    [DllImport("kernel32", SetLastError = true, CharSet = CharSet.Unicode)]
    private static extern WindowsJobHandle CreateJobObjectW(IntPtr securityAttributes, string? name);

    [DllImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool SetInformationJobObject(WindowsJobHandle job, int infoClass, ref JobObjectExtendedLimitInformation info, int length);

    [DllImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool QueryInformationJobObject(WindowsJobHandle job, int infoClass, out JobObjectBasicAccountingInformation info, int length, IntPtr returnLength);

    [DllImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool AssignProcessToJobObject(WindowsJobHandle job, IntPtr process);

    [DllImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool TerminateJobObject(WindowsJobHandle job, uint exitCode);
}

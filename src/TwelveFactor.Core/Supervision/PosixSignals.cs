using System.Runtime.InteropServices;

namespace TwelveFactor.Core.Supervision;

/// <summary>The few libc calls .NET does not expose: signals to a process group, and our own group's id.</summary>
internal static class PosixSignals
{
    // The numbers are the same on Linux and macOS.
    public const int SigKill = 9;
    public const int SigTerm = 15;
    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>Sends a signal to a process (positive id) or a process group (negative id). False when none exists.</summary>
    public static bool Send(int pid, int signal) => kill(pid, signal) == 0;

    /// <summary>True while the process group has any member, a zombie included.</summary>
    public static bool GroupExists(int groupId) =>
        kill(-groupId, 0) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess;

    public static int OwnGroup() => getpgrp();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [DllImport("libc")]
    private static extern int getpgrp();
}

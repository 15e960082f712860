using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// Everything a task started, and how to stop it: gracefully first, then by force.
/// </summary>
/// <remarks>
/// <para>
/// On Linux and macOS a task must run in its own process group, so one signal reaches the task and everything
/// it started, including grandchildren whose parent already exited (they are re-parented to init, which puts
/// them out of reach of a walk down the process tree, but they keep their group). .NET's <c>Process</c> cannot
/// call <c>setpgid</c> between fork and exec, and calling it from the parent after <c>Start</c> races the
/// child's own forks (and fails with EACCES once the child has exec'd). So the task is started through
/// <c>setsid(1)</c> (util-linux, always present on Debian, where it is Essential): it calls <c>setsid()</c> and
/// then execs the command in place. A process .NET has just forked is never a group leader, so setsid does
/// not fork and the task keeps the pid <c>Process.Id</c> reports, which is also its group id and session id.
/// The new session also means the task has no controlling terminal: Ctrl+C at the terminal reaches
/// PowerShell, whose cancellation asks the task to stop through this class, rather than hitting the task
/// behind PowerShell's back.
/// </para>
/// <para>
/// Where no setsid exists (stock macOS), the task stays in this process's group, and signalling that group
/// would hit PowerShell itself. The graceful stop then sends SIGTERM to the task and, on Linux, to each of its
/// live descendants found in /proc; the kill is <c>Process.Kill(entireProcessTree: true)</c>. Descendants
/// that were re-parented before the stop are out of reach in that mode.
/// </para>
/// <para>
/// On Windows there is no graceful signal for a console program started by .NET: a console control event
/// needs the child to have been created with CREATE_NEW_PROCESS_GROUP, which <c>ProcessStartInfo</c> cannot
/// ask for, and CTRL_C to our own console group would interrupt PowerShell too. The nearest equivalent is
/// <c>CloseMainWindow</c> (WM_CLOSE, which GUI programs honour); after the grace period the whole tree is
/// killed. foreman and honcho also terminate at once on Windows.
/// </para>
/// </remarks>
internal sealed class TaskProcessTree
{
    private static readonly string[] SetsidLocations = { "/usr/bin/setsid", "/bin/setsid" };

    private readonly Process _process;
    private readonly int _groupId;

    public TaskProcessTree(Process process, bool ownsGroup)
    {
        _process = process;
        _groupId = ownsGroup ? process.Id : 0;
    }

    /// <summary>True when the task leads its own process group.</summary>
    public bool OwnsGroup => _groupId > 0;

    /// <summary>The setsid(1) program, or null where there is none (Windows, stock macOS).</summary>
    public static string? FindSetsid()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        foreach (string candidate in SetsidLocations)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        string? path = Environment.GetEnvironmentVariable("PATH");
        foreach (string directory in (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, "setsid");
            if (Path.IsPathRooted(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Asks everything the task started to stop: SIGTERM to the group, or the nearest equivalent.</summary>
    public void RequestStop()
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                _process.CloseMainWindow();
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            return;
        }

        if (OwnsGroup)
        {
            // ESRCH here means setsid has not run yet (a stop within microseconds of the start): the task is
            // still a single process in our group, so signal it alone.
            if (!PosixSignals.Send(-_groupId, PosixSignals.SigTerm))
            {
                PosixSignals.Send(_process.Id, PosixSignals.SigTerm);
            }

            return;
        }

        if (LinuxProcessTable.IsAvailable)
        {
            foreach (int pid in LinuxProcessTable.LiveTree(_process.Id))
            {
                PosixSignals.Send(pid, PosixSignals.SigTerm);
            }
        }
        else
        {
            PosixSignals.Send(_process.Id, PosixSignals.SigTerm);
        }
    }

    /// <summary>Kills the group and the tree at once.</summary>
    public void Kill()
    {
        if (OwnsGroup)
        {
            PosixSignals.Send(-_groupId, PosixSignals.SigKill);
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exited between the check and the kill, or a descendant we may not signal.
        }
    }

    /// <summary>
    /// True while anything of the task is alive: the process itself, or (when it leads a group) any member of
    /// its group that has not exited.
    /// </summary>
    public bool HasLiveMembers()
    {
        if (!OwnsGroup)
        {
            return !_process.HasExited;
        }

        if (!PosixSignals.GroupExists(_groupId))
        {
            return false;
        }

        // kill(-pgid, 0) also succeeds for zombies nobody reaps; /proc tells them apart where it exists.
        return !LinuxProcessTable.IsAvailable || LinuxProcessTable.HasLiveMember(_groupId);
    }
}

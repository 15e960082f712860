using System;
using System.Linq;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Supervision;

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
/// On Windows the task is put in a job object (<see cref="WindowsJob"/>), which holds everything it starts as a
/// process group does, orphans included, and kills it all when closed. The graceful stop is Ctrl+Break to a
/// console process group of the task's own (<see cref="WindowsConsoleGroup"/>; pwsh 7.6 and later, on
/// .NET 10), else <c>CloseMainWindow</c> (WM_CLOSE, which GUI programs honour); after the grace period the job
/// is terminated. Where the job cannot be made (Windows refuses a nested job in rare set-ups) the kill falls
/// back to <c>Process.Kill(entireProcessTree: true)</c>. foreman and honcho terminate at once on Windows.
/// </para>
/// </remarks>
internal sealed class TaskProcessTree : IDisposable
{
    private static readonly string[] SetsidLocations = { "/usr/bin/setsid", "/bin/setsid" };

    private readonly Process _process;
    private readonly int _groupId;
    private readonly WindowsJob? _job;
    private readonly bool _ownsConsoleGroup;
    private readonly string? _runMarker;

    /// <summary>
    /// Tracks a started task. <paramref name="ownsGroup"/>: it leads a POSIX process group (started through
    /// setsid). <paramref name="ownsConsoleGroup"/>: on Windows, it leads a console process group of its own.
    /// On Windows the task is also put in a job object here.
    /// </summary>
    public TaskProcessTree(Process process, bool ownsGroup, bool ownsConsoleGroup = false, string? runMarker = null)
    {
        _process = process;
        _runMarker = LinuxProcessTable.IsAvailable ? runMarker : null;
        _groupId = ownsGroup ? process.Id : 0;
        if (OperatingSystem.IsWindows())
        {
            _job = WindowsJob.TryCreateFor(process);
            _ownsConsoleGroup = ownsConsoleGroup;
        }
    }

    /// <summary>True when the task leads its own process group.</summary>
    public bool OwnsGroup => _groupId > 0;

    /// <summary>
    /// True when everything the task starts can be found after its main process exits: a POSIX process group,
    /// or a Windows job. Leftovers are then stopped like the task itself.
    /// </summary>
    public bool TracksDescendants => OwnsGroup || _job is not null || _runMarker is not null;

    // The task's processes that left its group (setsid), found by the run marker they inherited. Members still in
    // the group are left out: the group's signal reaches them, and a second SIGTERM would find an app that handled
    // the first and has since put the default action back (the .NET runtime does), killing it mid-shutdown.
    private List<int> Escaped()
    {
        if (_runMarker is null)
        {
            return new List<int>();
        }

        List<int> marked = LinuxProcessTable.LiveWithEnvironment(ModuleSettings.AdminTaskRunVariable, _runMarker);
        return OwnsGroup
            ? marked.Where(pid => !(LinuxProcessTable.TryReadStat(pid, out LinuxProcessTable.Entry entry) && entry.GroupId == _groupId)).ToList()
            : marked;
    }

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

        string? path = ModuleSettings.Read(ModuleSettings.PathVariable);
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
            if (_ownsConsoleGroup && WindowsConsoleGroup.TrySendBreak(_process.Id))
            {
                return;
            }

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

        // Each process gets one SIGTERM: the group's signal, or its own, never both. The group goes first: it is
        // one call, while finding the processes that left it means reading /proc.
        var signalled = new HashSet<int>();
        if (OwnsGroup)
        {
            // ESRCH here means setsid has not run yet (a stop within microseconds of the start): the task is
            // still a single process in our group, so signal it alone.
            if (!PosixSignals.Send(-_groupId, PosixSignals.SigTerm))
            {
                PosixSignals.Send(_process.Id, PosixSignals.SigTerm);
            }

            signalled.Add(_process.Id);
        }
        else
        {
            IEnumerable<int> tree = LinuxProcessTable.IsAvailable ? LinuxProcessTable.LiveTree(_process.Id) : new[] { _process.Id };
            foreach (int pid in tree)
            {
                if (signalled.Add(pid))
                {
                    PosixSignals.Send(pid, PosixSignals.SigTerm);
                }
            }
        }

        foreach (int pid in Escaped())
        {
            if (signalled.Add(pid))
            {
                PosixSignals.Send(pid, PosixSignals.SigTerm);
            }
        }
    }

    /// <summary>Kills the group and the tree at once.</summary>
    public void Kill()
    {
        if (OperatingSystem.IsWindows())
        {
            _job?.Terminate();
        }

        if (OwnsGroup)
        {
            PosixSignals.Send(-_groupId, PosixSignals.SigKill);
        }

        foreach (int pid in Escaped())
        {
            PosixSignals.Send(pid, PosixSignals.SigKill);
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
    /// its group that has not exited, or (on Windows) any process of its job.
    /// </summary>
    public bool HasLiveMembers()
    {
        if (OperatingSystem.IsWindows() && _job is not null)
        {
            return _job.ActiveProcesses > 0;
        }

        if (!_process.HasExited || Escaped().Count > 0)
        {
            return true;
        }

        if (!OwnsGroup || !PosixSignals.GroupExists(_groupId))
        {
            return false;
        }

        // kill(-pgid, 0) also succeeds for zombies nobody reaps; /proc tells them apart where it exists.
        return !LinuxProcessTable.IsAvailable || LinuxProcessTable.HasLiveMember(_groupId);
    }

    /// <summary>Closes the job handle on Windows, which kills whatever the job still holds.</summary>
    public void Dispose()
    {
        if (OperatingSystem.IsWindows())
        {
            _job?.Dispose();
        }
    }
}

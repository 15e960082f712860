using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Supervision;
using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.AdminProcesses;

/// <summary>
/// Runs one-off admin processes (factor XII) in a release's environment, the way <c>heroku run</c> does on a
/// dyno: the release's config as the environment (see <see cref="EnvironmentInheritance"/>), output streamed
/// line by line while it is written, standard input at end of file (a task that prompts fails at once instead
/// of hanging a pipeline), and a stop that is graceful first and leaves nothing running.
/// </summary>
/// <remarks>
/// When the task's main process exits, whatever it left running in its process group is stopped the same
/// way (SIGTERM, the grace period, SIGKILL): a one-off dyno is gone when its command ends, and so is
/// everything a task started. See <see cref="TaskProcessTree"/> for how the group is made and signalled.
/// </remarks>
public sealed class AdminTaskRunner
{
    // After the task and its group are gone, a pipe that stays open for this long is held by something that
    // escaped the group (a daemon that called setsid itself); its output is abandoned rather than awaited.
    private static readonly TimeSpan AbandonAfter = TimeSpan.FromSeconds(2);

    private readonly string? _setsid;

    /// <summary>A runner that starts each task in a process group of its own where the platform allows.</summary>
    public AdminTaskRunner()
        : this(TaskProcessTree.FindSetsid())
    {
    }

    /// <summary>For tests: a runner with a given setsid(1), or none to exercise the fallback.</summary>
    internal AdminTaskRunner(string? setsid)
    {
        _setsid = setsid;
    }

    /// <summary>True when tasks get a process group of their own (Linux, and macOS with setsid installed).</summary>
    public bool UsesProcessGroups => _setsid is not null;

    /// <summary>
    /// Starts the task. Throws <see cref="AdminTaskException"/> when it cannot start (nothing is left running
    /// then). Cancelling <paramref name="cancellationToken"/> stops the task gracefully, as the timeout does.
    /// </summary>
    public RunningAdminTask Start(AdminTaskSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.ShutdownGracePeriod < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), spec.ShutdownGracePeriod, "ShutdownGracePeriod must not be negative.");
        }

        if (spec.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), timeout, "Timeout must be positive.");
        }

        if (spec.OutputBufferChunks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), spec.OutputBufferChunks, "OutputBufferChunks must be at least 1.");
        }

        cancellationToken.ThrowIfCancellationRequested();

        string workingDirectory = Path.GetFullPath(spec.WorkingDirectory ?? Environment.CurrentDirectory);
        if (!Directory.Exists(workingDirectory))
        {
            throw new AdminTaskException(
                ProblemId.AdminTaskWorkingDirectoryNotFound,
                workingDirectory,
                string.Format(CultureInfo.CurrentCulture, CoreStrings.AdminTaskWorkingDirectoryNotFound, workingDirectory));
        }

        bool interactive = spec.Interactive;
        var startInfo = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = !interactive,
            RedirectStandardOutput = !interactive,
            RedirectStandardError = !interactive,

            // An interactive task shares PowerShell's console (on Windows CREATE_NO_WINDOW would give it none).
            CreateNoWindow = !interactive,
            WorkingDirectory = workingDirectory,
        };
        ChildEnvironment.Build(startInfo.Environment, spec);
        string runMarker = Guid.NewGuid().ToString("N");
        startInfo.Environment[ModuleSettings.AdminTaskRunVariable] = runMarker;
        startInfo.Environment.TryGetValue("PATH", out string? childPath);
        string command = CommandResolver.Resolve(spec.FileName, workingDirectory, childPath);

        // An interactive task stays in the terminal's foreground group (no setsid, no console group of its own),
        // so the keyboard's Ctrl+C reaches it as it would any program started at the prompt.
        bool ownsGroup = _setsid is not null && !interactive;
        bool ownsConsoleGroup = !interactive && OperatingSystem.IsWindows() && WindowsConsoleGroup.TryRequestNewGroup(startInfo);
        if (ownsGroup)
        {
            // "--" and an absolute command path: nothing the user passes can be read as a setsid option.
            startInfo.FileName = _setsid!;
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(command);
        }
        else
        {
            startInfo.FileName = command;
        }

        foreach (string argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        DateTimeOffset startedAt = DateTimeOffset.UtcNow;
        long startTimestamp = Stopwatch.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new AdminTaskException(
                ProblemId.AdminTaskStartFailed,
                spec.FileName,
                string.Format(CultureInfo.CurrentCulture, CoreStrings.AdminTaskStartFailed, spec.FileName, ex.Message),
                ex);
        }

        var tree = new TaskProcessTree(process, ownsGroup, ownsConsoleGroup, runMarker);
        var abandon = new CancellationTokenSource();
        try
        {
            if (!interactive)
            {
                process.StandardInput.Close();
            }

            var channel = Channel.CreateBounded<TaskOutputLine[]>(new BoundedChannelOptions(spec.OutputBufferChunks)
            {
                SingleReader = true,
                SingleWriter = false,
                FullMode = BoundedChannelFullMode.Wait,

                // The only continuations are the two blocked threads (pump and pipeline) waking each other;
                // running them inline spares a thread-pool hop per batch, which cost a fifth of a core.
                AllowSynchronousContinuations = true,
            });
            Encoding encoding = spec.OutputEncoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            OutputPump[] pumps = interactive
                ? Array.Empty<OutputPump>()
                : new[]
                {
                    new OutputPump(process.StandardOutput.BaseStream, OutputKind.Stdout, channel.Writer, encoding, spec.NeutraliseLoggingCommands, abandon.Token),
                    new OutputPump(process.StandardError.BaseStream, OutputKind.Stderr, channel.Writer, encoding, spec.NeutraliseLoggingCommands, abandon.Token),
                };
            foreach (OutputPump pump in pumps)
            {
                pump.Start();
            }

            // The stop the supervisor obeys: the caller's (Ctrl+C, except for an interactive task, whose Ctrl+C is its
            // own) or this process ending (ExitGuard), whichever comes first.
            var stop = interactive ? new CancellationTokenSource() : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var supervision = new ProcessSupervisor(process, tree, pumps, channel.Writer, spec, startTimestamp, stop.Token);
            var running = new RunningAdminTask(new LineBatchReader(channel.Reader), ct => supervision.OutcomeAsync(startedAt, ct), abandon, startedAt, process.Id.ToString(CultureInfo.InvariantCulture));
            running.StopBeforeProcessExit(stop, spec.ShutdownGracePeriod);
            return running;
        }
        catch
        {
            // Nothing may be left running when Start throws.
            abandon.Cancel();
            tree.Kill();
            tree.Dispose();
            process.Dispose();
            abandon.Dispose();
            throw;
        }
    }

    /// <summary>Watches one task's process group: its pumps are drained, and a pump held open by an escaped process is given up.</summary>
    private sealed class ProcessSupervisor : Supervisor
    {
        private readonly Process _process;
        private readonly TaskProcessTree _tree;
        private readonly OutputPump[] _pumps;
        private readonly ChannelWriter<TaskOutputLine[]> _output;

        public ProcessSupervisor(Process process, TaskProcessTree tree, OutputPump[] pumps, ChannelWriter<TaskOutputLine[]> output, AdminTaskSpec spec, long startTimestamp, CancellationToken cancellation)
            : base(spec.Timeout, spec.ShutdownGracePeriod, startTimestamp, cancellation)
        {
            _process = process;
            _tree = tree;
            _pumps = pumps;
            _output = output;
        }

        protected override async Task<int> WaitForExitAsync()
        {
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            return _process.ExitCode;
        }

        protected override Task RequestStopAsync()
        {
            _tree.RequestStop();
            return Task.CompletedTask;
        }

        protected override Task KillAsync()
        {
            _tree.Kill();
            return Task.CompletedTask;
        }

        protected override bool HasLeftovers() => _tree.TracksDescendants && _tree.HasLiveMembers();

        // Waits for the pumps to deliver the rest. A pump still waiting for data long after everything of the
        // task is gone reads a pipe that an escaped process holds open: stop waiting for it.
        protected override async Task DrainAsync(CancellationToken abandon)
        {
            Task all = Task.WhenAll(_pumps.Select(p => p.Completion));
            long drainStart = Stopwatch.GetTimestamp();
            while (!all.IsCompleted && !abandon.IsCancellationRequested)
            {
                await Task.WhenAny(all, Task.Delay(PollInterval, CancellationToken.None)).ConfigureAwait(false);
                if (Stopwatch.GetElapsedTime(drainStart) > AbandonAfter
                    && _pumps.Any(p => !p.Completion.IsCompleted && p.WaitingForData > AbandonAfter))
                {
                    break;
                }
            }

            if (all.IsCompleted)
            {
                await all.ConfigureAwait(false);
            }
        }

        protected override Task CleanUpAsync()
        {
            _output.TryComplete();
            _tree.Dispose();
            _process.Dispose();
            return Task.CompletedTask;
        }
    }
}

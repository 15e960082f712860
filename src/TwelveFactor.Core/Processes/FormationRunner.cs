using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.Resources;
using TwelveFactor.Core.Supervision;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// Runs a formation (factors VI-IX): every instance in its own process group through the admin-task runner, so each
/// gets the same graceful stop, grace period, kill and no-orphans guarantee. When one process exits the others are
/// stopped (foreman's rule) unless the restart policy starts it again, with backoff, while the rest run. A stop
/// (Ctrl+C, Stop-Job, or the first exit) stops every process at once, in parallel, and the formation ends when
/// every process, and everything they started, is gone.
/// </summary>
public sealed class FormationRunner
{
    /// <summary>The process name of the formation's own log lines.</summary>
    public const string SystemProcess = "system";

    private readonly FormationOptions _options;

    /// <summary>A runner for <paramref name="options"/>.</summary>
    public FormationRunner(FormationOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.Instances.Count == 0)
        {
            throw new ArgumentException(CoreStrings.FormationEmpty, nameof(options));
        }
    }

    /// <summary>Starts every process; <paramref name="cancellationToken"/> is Ctrl+C: a graceful stop of all.</summary>
    public RunningFormation Start(CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = Channel.CreateBounded<LogEvent>(new BoundedChannelOptions(_options.EventBuffer)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        Task<FormationOutcome> completion = Task.Run(() => RunAsync(events.Writer, stop, cancellationToken));

        // Each process leads its own group: when this process is ending (SIGTERM, SIGHUP, or pwsh exiting with a
        // formation job still running), the formation is stopped gracefully first, and nothing restarts.
        ExitGuard.StopBeforeExit(stop, completion, _options.ShutdownGracePeriod + TimeSpan.FromSeconds(2), disposeStop: false);
        return new RunningFormation(events.Reader, completion, stop);
    }

    private async Task<FormationOutcome> RunAsync(ChannelWriter<LogEvent> events, CancellationTokenSource stop, CancellationToken userStop)
    {
        var state = new FormationState();
        try
        {
            await Task.WhenAll(_options.Instances.Select(instance => SuperviseAsync(instance, events, stop, state))).ConfigureAwait(false);
        }
        finally
        {
            events.TryComplete();
        }

        bool byUser = state.StoppedBy is null && (userStop.IsCancellationRequested || stop.IsCancellationRequested);
        int exitCode = state.StoppedBy is not null ? state.StoppedByExitCode : byUser && !state.Killed.IsEmpty ? 1 : state.WorstExitCode;
        return new FormationOutcome(exitCode, state.StoppedBy, byUser, state.Restarts, state.Killed.ToArray());
    }

    // One instance from its first start to its last exit, with restarts.
    private async Task SuperviseAsync(FormationInstance instance, ChannelWriter<LogEvent> events, CancellationTokenSource stop, FormationState state)
    {
        TimeSpan delay = _options.FirstRestartDelay;
        while (!stop.IsCancellationRequested)
        {
            long started = Stopwatch.GetTimestamp();
            AdminTaskOutcome outcome;
            try
            {
                outcome = await RunOnceAsync(instance, events, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // stopped between the check and the start: nothing was started
            }
            catch (AdminTaskException ex)
            {
                // It could not start (the shell is missing, the folder is gone): as an exit with the shell's 127.
                await SystemAsync(events, string.Format(CultureInfo.CurrentCulture, CoreStrings.FormationStartFailed, instance.Name, ex.Message)).ConfigureAwait(false);
                outcome = new AdminTaskOutcome(127, DateTimeOffset.UtcNow, TimeSpan.Zero, false, false, false);
            }

            if (outcome.Killed)
            {
                state.Killed.Enqueue(instance.Name);
            }

            state.RecordExit(outcome.ExitCode);
            if (stop.IsCancellationRequested)
            {
                await SystemAsync(events, string.Format(CultureInfo.CurrentCulture, outcome.Killed ? CoreStrings.FormationKilled : CoreStrings.FormationStopped, instance.Name, outcome.ExitCode)).ConfigureAwait(false);
                return;
            }

            bool again = _options.Restart == RestartPolicy.Always || (_options.Restart == RestartPolicy.OnFailure && outcome.ExitCode != 0);
            if (!again)
            {
                await SystemAsync(events, string.Format(CultureInfo.CurrentCulture, CoreStrings.FormationExited, instance.Name, outcome.ExitCode)).ConfigureAwait(false);
                if (_options.Restart == RestartPolicy.Never && state.TryClaimStop(instance.Name, outcome.ExitCode))
                {
                    await SystemAsync(events, CoreStrings.FormationStoppingAll).ConfigureAwait(false);
                    stop.Cancel();
                }

                return;
            }

            // Backoff: a process that ran a while is healthy and restarts soon; one that keeps crashing waits longer.
            delay = Stopwatch.GetElapsedTime(started) >= _options.HealthyAfter ? _options.FirstRestartDelay : delay;
            await SystemAsync(events, string.Format(CultureInfo.CurrentCulture, CoreStrings.FormationRestarting, instance.Name, outcome.ExitCode, delay.TotalSeconds)).ConfigureAwait(false);
            try
            {
                await Task.Delay(delay, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref state.Restarts);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRestartDelay.Ticks));
        }
    }

    private async Task<AdminTaskOutcome> RunOnceAsync(FormationInstance instance, ChannelWriter<LogEvent> events, CancellationToken stop)
    {
        (string fileName, IReadOnlyList<string> arguments) = ShellCommand.For(instance.Type.Command);
        var config = new Dictionary<string, string>(_options.Config, StringComparer.Ordinal)
        {
            ["PORT"] = instance.Port.ToString(CultureInfo.InvariantCulture),
            ["PS"] = instance.Name,
        };
        var spec = new AdminTaskSpec
        {
            FileName = fileName,
            Arguments = arguments,
            WorkingDirectory = _options.WorkingDirectory,
            Environment = config,
            ShutdownGracePeriod = _options.ShutdownGracePeriod,
            NeutraliseLoggingCommands = _options.NeutraliseLoggingCommands,
        };
        using RunningAdminTask task = new AdminTaskRunner().Start(spec, stop);
        await SystemAsync(events, string.Format(CultureInfo.CurrentCulture, CoreStrings.FormationStarted, instance.Name, task.Id, instance.Port)).ConfigureAwait(false);
        ChannelReader<TaskOutputLine> output = task.Output;
        while (await output.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (output.TryRead(out TaskOutputLine line))
            {
                (string? level, IReadOnlyDictionary<string, string> fields) = LogLineParser.Parse(line.Line);
                var stream = line.Kind == OutputKind.Stdout ? LogStream.Stdout : LogStream.Stderr;
                await events.WriteAsync(new LogEvent(DateTimeOffset.Now, instance.Name, stream, line.Line, level, fields), CancellationToken.None).ConfigureAwait(false);
            }
        }

        return await task.Completion.ConfigureAwait(false);
    }

    private static async Task SystemAsync(ChannelWriter<LogEvent> events, string line) =>
        await events.WriteAsync(new LogEvent(DateTimeOffset.Now, SystemProcess, LogStream.System, line, null, new Dictionary<string, string>()), CancellationToken.None).ConfigureAwait(false);

    private sealed class FormationState
    {
        public readonly ConcurrentQueue<string> Killed = new();
        public int Restarts;
        private readonly object _gate = new();

        public string? StoppedBy { get; private set; }

        public int StoppedByExitCode { get; private set; }

        public int WorstExitCode { get; private set; }

        public void RecordExit(int exitCode)
        {
            lock (_gate)
            {
                if (WorstExitCode == 0)
                {
                    WorstExitCode = exitCode;
                }
            }
        }

        // The first exit to stop the formation names it; later exits are the stop's consequence.
        public bool TryClaimStop(string name, int exitCode)
        {
            lock (_gate)
            {
                if (StoppedBy is not null)
                {
                    return false;
                }

                StoppedBy = name;
                StoppedByExitCode = exitCode;
                return true;
            }
        }
    }
}

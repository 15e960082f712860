using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

using TwelveFactor.Core.Supervision;
namespace TwelveFactor.Core.AdminProcesses;

/// <summary>
/// A task that has started. Read <see cref="Output"/> until it completes, on your own thread (a cmdlet writes
/// to PowerShell's streams from its pipeline thread only), then take <see cref="Completion"/>. A reader that
/// stops reading makes the task wait in its next write: that is the backpressure, so always drain, or
/// dispose the task.
/// </summary>
public sealed class RunningAdminTask : IDisposable
{
    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _abandon;

    internal RunningAdminTask(
        ChannelReader<TaskOutputLine> output,
        Func<CancellationToken, Task<AdminTaskOutcome>> supervise,
        CancellationTokenSource abandon,
        DateTimeOffset startedAt,
        string id)
    {
        Output = output;
        _abandon = abandon;
        StartedAt = startedAt;
        Id = id;
        Completion = supervise(abandon.Token);
    }

    /// <summary>
    /// The task's lines, each stream's in order; stdout and stderr are read concurrently, so their relative
    /// order is the order in which the reads completed. One reader only.
    /// </summary>
    public ChannelReader<TaskOutputLine> Output { get; }

    /// <summary>Completes once the task and everything it started have ended and all output was delivered.</summary>
    public Task<AdminTaskOutcome> Completion { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The process id, or the container id for a container task.</summary>
    public string Id { get; }

    /// <summary>Kills whatever is still running at once (no grace period) and waits for the end.</summary>
    public void Dispose()
    {
        if (!Completion.IsCompleted)
        {
            _abandon.Cancel();
            try
            {
                Completion.Wait(DisposeWait);
            }
            catch (AggregateException)
            {
                // The outcome no longer matters to a caller that disposes before completion.
            }
        }

        if (Completion.IsCompleted)
        {
            _abandon.Dispose();
        }
    }

    /// <summary>
    /// Until the task ends, this process ending (SIGTERM, SIGHUP, exit) first cancels <paramref name="stop"/> (the
    /// supervisor's graceful stop) and waits up to the grace period and 2 s more; <paramref name="stop"/> is disposed
    /// with the task. The task runs in a process group (or container) of its own, which those signals do not reach.
    /// </summary>
    internal void StopBeforeProcessExit(CancellationTokenSource stop, TimeSpan gracePeriod) =>
        ExitGuard.StopBeforeExit(stop, Completion, gracePeriod + TimeSpan.FromSeconds(2), disposeStop: true);
}

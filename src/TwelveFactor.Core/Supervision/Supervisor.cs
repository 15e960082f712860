using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace TwelveFactor.Core.Supervision;

/// <summary>
/// Watches one started thing (a process group, a container) from start to end, the same way whatever it is: wait
/// for its exit, a time limit, Ctrl+C or abandonment; on a stop, the graceful request, the grace period, then the
/// kill; after the exit, whatever it left behind gets the same treatment; then its output is drained and it is
/// cleaned up. Subclasses say how to wait, ask, kill, find leftovers, drain and clean up; the order lives here once.
/// </summary>
public abstract class Supervisor
{
    /// <summary>How often a stop checks whether everything is gone.</summary>
    protected static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly TimeSpan? _timeout;
    private readonly TimeSpan _grace;
    private readonly long _startTimestamp;
    private readonly CancellationToken _cancellation;

    /// <summary>A supervisor with a time limit (none when null), a grace period between the request and the kill, the start's timestamp, and the caller's cancellation.</summary>
    protected Supervisor(TimeSpan? timeout, TimeSpan grace, long startTimestamp, CancellationToken cancellation)
    {
        _timeout = timeout;
        _grace = grace;
        _startTimestamp = startTimestamp;
        _cancellation = cancellation;
    }

    /// <summary>Runs the watch to its end. <paramref name="abandon"/> (Dispose) stops at once, without a grace period.</summary>
    public async Task<SupervisedExit> SuperviseAsync(CancellationToken abandon)
    {
        try
        {
            Task<int> exited = WaitForExitAsync();
            TaskStopCause cause = await TaskStopWait.WaitAsync(exited, _timeout, _cancellation, abandon).ConfigureAwait(false);
            bool killed = false;
            if (cause != TaskStopCause.None)
            {
                killed = await StopAsync(exited, GraceFor(abandon), abandon).ConfigureAwait(false);
            }

            int exitCode = await exited.ConfigureAwait(false);
            TimeSpan duration = Stopwatch.GetElapsedTime(_startTimestamp);

            // The main process is gone; so must be anything it left behind. A stop has already seen to that: it
            // returns only once nothing is left, or after the kill.
            if (cause == TaskStopCause.None && HasLeftovers())
            {
                killed |= await StopAsync(exited, GraceFor(abandon), abandon).ConfigureAwait(false);
            }

            await DrainAsync(abandon).ConfigureAwait(false);
            return new SupervisedExit(exitCode, duration, cause == TaskStopCause.TimedOut, cause == TaskStopCause.Cancelled, killed);
        }
        finally
        {
            await CleanUpAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Completes with the exit code when the main process (or container) exits; never cancelled.</summary>
    protected abstract Task<int> WaitForExitAsync();

    /// <summary>The graceful stop: SIGTERM to the group, Ctrl+Break, the container's stop signal.</summary>
    protected abstract Task RequestStopAsync();

    /// <summary>The kill: everything, at once.</summary>
    protected abstract Task KillAsync();

    /// <summary>Whether anything it started is still alive (after the main process exited, or during a stop).</summary>
    protected virtual bool HasLeftovers() => false;

    /// <summary>Waits for the output still in flight, within reason.</summary>
    protected abstract Task DrainAsync(CancellationToken abandon);

    /// <summary>Completes the output and releases what was held (handles, the container); runs however the watch ends.</summary>
    protected abstract Task CleanUpAsync();

    private TimeSpan GraceFor(CancellationToken abandon) => abandon.IsCancellationRequested ? TimeSpan.Zero : _grace;

    // The graceful request, then the kill once the grace period is over. True when the kill was needed.
    private async Task<bool> StopAsync(Task exited, TimeSpan grace, CancellationToken abandon)
    {
        if (grace > TimeSpan.Zero)
        {
            await RequestStopAsync().ConfigureAwait(false);
            long since = Stopwatch.GetTimestamp();
            while (!abandon.IsCancellationRequested)
            {
                if (exited.IsCompleted && !HasLeftovers())
                {
                    return false;
                }

                TimeSpan left = grace - Stopwatch.GetElapsedTime(since);
                if (left <= TimeSpan.Zero)
                {
                    break;
                }

                Task delay = Task.Delay(left < PollInterval ? left : PollInterval, CancellationToken.None);
                await (exited.IsCompleted ? delay : Task.WhenAny(exited, delay)).ConfigureAwait(false);
            }
        }

        await KillAsync().ConfigureAwait(false);
        return true;
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;

namespace TwelveFactor.Core.Supervision;

/// <summary>
/// Waits until a task's main process (or container) exits or a stop is due, for the process and container
/// runners alike: Ctrl+C (the caller's cancellation), the task's timeout, or abandonment (Dispose).
/// </summary>
internal static class TaskStopWait
{
    internal static async Task<TaskStopCause> WaitAsync(Task exited, TimeSpan? timeout, CancellationToken cancellation, CancellationToken abandon)
    {
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, abandon))
        {
            if (timeout is { } limit)
            {
                stop.CancelAfter(limit);
            }

            var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (stop.Token.Register(() => stopRequested.TrySetResult()))
            {
                await Task.WhenAny(exited, stopRequested.Task).ConfigureAwait(false);
            }
        }

        if (exited.IsCompleted)
        {
            return TaskStopCause.None;
        }

        return cancellation.IsCancellationRequested ? TaskStopCause.Cancelled
            : abandon.IsCancellationRequested ? TaskStopCause.Abandoned
            : TaskStopCause.TimedOut;
    }
}

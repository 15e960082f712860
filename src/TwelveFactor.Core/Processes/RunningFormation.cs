using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace TwelveFactor.Core.Processes;

/// <summary>A formation that runs: its log events as they come, and its end.</summary>
public sealed class RunningFormation : IDisposable
{
    private readonly CancellationTokenSource _stop;

    internal RunningFormation(ChannelReader<LogEvent> events, Task<FormationOutcome> completion, CancellationTokenSource stop)
    {
        Events = events;
        Completion = completion;
        _stop = stop;
    }

    /// <summary>The log events, in arrival order; completes when every process is gone.</summary>
    public ChannelReader<LogEvent> Events { get; }

    /// <summary>Completes when every process is gone (after a graceful stop, or the kill after the grace period).</summary>
    public Task<FormationOutcome> Completion { get; }

    /// <summary>Asks every process to stop gracefully (as Ctrl+C does); <see cref="Completion"/> says when they have.</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>Stops the formation if it still runs and waits until every process is gone.</summary>
    public void Dispose()
    {
        Stop();
        try
        {
            Completion.Wait();
        }
        catch (AggregateException)
        {
            // The outcome no longer matters to a caller that disposes.
        }

        _stop.Dispose();
    }
}

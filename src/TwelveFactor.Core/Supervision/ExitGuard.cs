using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace TwelveFactor.Core.Supervision;

/// <summary>
/// What this process started in process groups of their own does not hear the signals that end this process: a CI
/// agent cancelling a step (SIGTERM), a closed terminal (SIGHUP), or pwsh simply exiting with a job still running.
/// While registered, each of those first runs the given stop (graceful, bounded by the caller) and then lets this
/// process end as it would have, so nothing it started outlives it.
/// </summary>
public static class ExitGuard
{
    /// <summary>Runs <paramref name="stopAndWait"/> before this process ends, until the result is disposed.</summary>
    public static IDisposable Register(Action stopAndWait)
    {
        ArgumentNullException.ThrowIfNull(stopAndWait);
        EventHandler onExit = (_, _) => stopAndWait();
        AppDomain.CurrentDomain.ProcessExit += onExit;
        var signals = new List<PosixSignalRegistration>();
        if (!OperatingSystem.IsWindows())
        {
            // Not cancelled: once the stop has run, the signal's usual action ends this process.
            signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => stopAndWait()));
            signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => stopAndWait()));
        }

        return new Registration(onExit, signals);
    }

    /// <summary>
    /// Until <paramref name="completion"/> ends, this process ending first cancels <paramref name="stop"/> (a graceful
    /// stop) and waits for <paramref name="completion"/> up to <paramref name="wait"/>. With
    /// <paramref name="disposeStop"/>, <paramref name="stop"/> is disposed when <paramref name="completion"/> ends.
    /// </summary>
    public static void StopBeforeExit(CancellationTokenSource stop, Task completion, TimeSpan wait, bool disposeStop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        ArgumentNullException.ThrowIfNull(completion);
        IDisposable guard = Register(() =>
        {
            try
            {
                stop.Cancel();
                completion.Wait(wait);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or AggregateException)
            {
                // Already over.
            }
        });
        _ = completion.ContinueWith(
            _ =>
            {
                guard.Dispose();
                if (disposeStop)
                {
                    stop.Dispose();
                }
            },
            TaskScheduler.Default);
    }

    private sealed class Registration : IDisposable
    {
        private readonly EventHandler _onExit;
        private readonly List<PosixSignalRegistration> _signals;
        private bool _disposed;

        public Registration(EventHandler onExit, List<PosixSignalRegistration> signals)
        {
            _onExit = onExit;
            _signals = signals;
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            AppDomain.CurrentDomain.ProcessExit -= _onExit;
            foreach (PosixSignalRegistration signal in _signals)
            {
                signal.Dispose();
            }
        }
    }
}

using System;

namespace TwelveFactor.Core.AdminProcesses;

/// <summary>How a task ended.</summary>
public sealed class AdminTaskOutcome
{
    public AdminTaskOutcome(int exitCode, DateTimeOffset startedAt, TimeSpan duration, bool timedOut, bool cancelled, bool killed)
    {
        ExitCode = exitCode;
        StartedAt = startedAt;
        Duration = duration;
        TimedOut = timedOut;
        Cancelled = cancelled;
        Killed = killed;
    }

    /// <summary>
    /// The exit code. A process ended by a signal reports 128 + the signal number on Linux and macOS
    /// (143 after SIGTERM, 137 after SIGKILL), as shells and Docker do.
    /// </summary>
    public int ExitCode { get; }

    public DateTimeOffset StartedAt { get; }

    public TimeSpan Duration { get; }

    /// <summary>The timeout elapsed and the task was stopped.</summary>
    public bool TimedOut { get; }

    /// <summary>The caller cancelled (Ctrl+C) and the task was stopped.</summary>
    public bool Cancelled { get; }

    /// <summary>Something was still running after the grace period and had to be killed.</summary>
    public bool Killed { get; }
}

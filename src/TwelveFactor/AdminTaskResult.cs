using System;

namespace TwelveFactor;

/// <summary>How a one-off admin task ended (Invoke-TfAdminTask -PassThru).</summary>
public sealed class AdminTaskResult
{
    internal AdminTaskResult(string? release, string? environment, string command, int exitCode, DateTimeOffset startedAt, TimeSpan duration, bool timedOut, bool cancelled)
    {
        Release = release;
        Environment = environment;
        Command = command;
        ExitCode = exitCode;
        StartedAt = startedAt;
        Duration = duration;
        TimedOut = timedOut;
        Cancelled = cancelled;
    }

    /// <summary>The release id whose files and config the task ran with, if any.</summary>
    public string? Release { get; }

    public string? Environment { get; }

    /// <summary>The command line, with secret values masked.</summary>
    public string Command { get; }

    /// <summary>The exit code; 128 + n when ended by signal n.</summary>
    public int ExitCode { get; }

    public DateTimeOffset StartedAt { get; }

    public TimeSpan Duration { get; }

    public bool TimedOut { get; }

    public bool Cancelled { get; }

    public bool Succeeded => ExitCode == 0 && !TimedOut && !Cancelled;
}

using System;

namespace TwelveFactor;

/// <summary>One entry of the admin task audit trail: who ran what, where, when, and how it ended. Never a value.</summary>
public sealed class AdminTaskRecord
{
    internal AdminTaskRecord(DateTimeOffset startedAt, string user, string? host, string? release, string? environment, string command, string? image, int exitCode, TimeSpan duration, bool timedOut, bool cancelled, string[] overriddenKeys)
    {
        StartedAt = startedAt;
        User = user;
        Host = host;
        Release = release;
        Environment = environment;
        Command = command;
        Image = image;
        ExitCode = exitCode;
        Duration = duration;
        TimedOut = timedOut;
        Cancelled = cancelled;
        OverriddenKeys = overriddenKeys;
    }

    public DateTimeOffset StartedAt { get; }

    public string User { get; }

    public string? Host { get; }

    public string? Release { get; }

    /// <summary>The app the task ran for; null in records written before apps were recorded.</summary>
    public string? App { get; init; }

    /// <summary>The release store the task used.</summary>
    public string? Store { get; init; }

    public string? Environment { get; }

    /// <summary>The command line, secrets masked.</summary>
    public string Command { get; }

    /// <summary>The container image, for tasks run with -Container.</summary>
    public string? Image { get; }

    public int ExitCode { get; }

    public TimeSpan Duration { get; }

    public bool TimedOut { get; }

    public bool Cancelled { get; }

    /// <summary>Names of the keys overridden with -Set (never their values).</summary>
    public string[] OverriddenKeys { get; }
}

namespace TwelveFactor.Core.Processes;

/// <summary>Where a log line came from.</summary>
public enum LogStream
{
    /// <summary>The process's standard output.</summary>
    Stdout,

    /// <summary>The process's standard error.</summary>
    Stderr,

    /// <summary>The formation itself: starts, exits, restarts, stops.</summary>
    System,
}

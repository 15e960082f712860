namespace TwelveFactor;

/// <summary>Where a formation's log line came from. Mirrors Core's enum (see <see cref="ConfigPrecedence"/>).</summary>
public enum LogStream
{
    /// <summary>The process's standard output.</summary>
    Stdout = Core.Processes.LogStream.Stdout,

    /// <summary>The process's standard error.</summary>
    Stderr = Core.Processes.LogStream.Stderr,

    /// <summary>The formation itself: starts, exits, restarts, stops.</summary>
    System = Core.Processes.LogStream.System,
}

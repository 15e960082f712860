namespace TwelveFactor.Core.Supervision;

/// <summary>Why a running task is being stopped, if it is.</summary>
internal enum TaskStopCause
{
    /// <summary>It exited by itself.</summary>
    None,

    TimedOut,

    /// <summary>The caller cancelled (Ctrl+C).</summary>
    Cancelled,

    /// <summary>The task was disposed while running: stop at once, no grace period.</summary>
    Abandoned,
}

namespace TwelveFactor.Core.Supervision;

/// <summary>
/// One line the task printed, without its line ending. A line longer than the runner's limit arrives as
/// several pieces, so one runaway line cannot hold unbounded memory.
/// </summary>
public readonly record struct TaskOutputLine(OutputKind Kind, string Line);

namespace TwelveFactor.Core.Processes;

/// <summary>Which of the task's streams a line came from.</summary>
public enum OutputKind
{
    Stdout,
    Stderr,
}

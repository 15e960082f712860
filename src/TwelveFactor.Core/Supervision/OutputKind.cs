namespace TwelveFactor.Core.Supervision;

/// <summary>Which of the task's streams a line came from.</summary>
public enum OutputKind
{
    Stdout,
    Stderr,
}

namespace TwelveFactor.Core.Processes;

/// <summary>What one tool would do with one line of a Procfile.</summary>
/// <param name="Tool">The tool.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Rule">A stable rule name: LineIgnored, LineRejected, NoSpaceAfterColon, NameNotDnsLabel, DuplicateType.</param>
/// <param name="Message">What the tool would do, and how to write the line so every tool reads it alike.</param>
public sealed record ProcfileFinding(ProcfileTool Tool, int Line, string Rule, string Message);

namespace TwelveFactor.Core.Processes;

/// <summary>A line of a Procfile that cannot be used: no tool would run it, or it names a type twice.</summary>
/// <param name="Line">The 1-based line.</param>
/// <param name="Message">What is wrong, naming the type but never quoting the command.</param>
/// <param name="IsDuplicate">True when the line repeats a type's name (the first one is kept).</param>
public sealed record ProcfileProblem(int Line, string Message, bool IsDuplicate);

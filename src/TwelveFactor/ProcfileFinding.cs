namespace TwelveFactor;

/// <summary>What one tool would reject or read differently in one line of a Procfile.</summary>
public sealed class ProcfileFinding
{
    internal ProcfileFinding(ProcfileTool tool, int line, string rule, string message, string path)
    {
        Tool = tool;
        Line = line;
        Rule = rule;
        Message = message;
        Path = path;
    }

    /// <summary>foreman (and honcho), overmind (and hivemind), or Dokku's strict mode.</summary>
    public ProcfileTool Tool { get; }

    /// <summary>The Procfile's line.</summary>
    public int Line { get; }

    /// <summary>LineIgnored, LineRejected, NoSpaceAfterColon, NameNotDnsLabel or DuplicateType.</summary>
    public string Rule { get; }

    /// <summary>What the tool does, and how to write the line so every tool reads it alike.</summary>
    public string Message { get; }

    /// <summary>The Procfile.</summary>
    public string Path { get; }
}

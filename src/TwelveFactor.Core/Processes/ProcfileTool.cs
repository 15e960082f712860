namespace TwelveFactor.Core.Processes;

/// <summary>The tools whose Procfile rules <see cref="ProcfileLinter"/> knows.</summary>
public enum ProcfileTool
{
    /// <summary>foreman (and honcho): <c>name: command</c>; other lines ignored.</summary>
    Foreman,

    /// <summary>overmind (and hivemind): as foreman, but a space must follow the colon.</summary>
    Overmind,

    /// <summary>Dokku in strict mode: DNS-label names, a bad line rejects the file, duplicates are errors.</summary>
    Dokku,
}

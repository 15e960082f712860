namespace TwelveFactor;

/// <summary>The tools whose Procfile rules Test-TfProcfile checks. Mirrors Core's enum (see <see cref="ConfigPrecedence"/>).</summary>
public enum ProcfileTool
{
    /// <summary>foreman and honcho.</summary>
    Foreman = Core.Processes.ProcfileTool.Foreman,

    /// <summary>overmind and hivemind.</summary>
    Overmind = Core.Processes.ProcfileTool.Overmind,

    /// <summary>Dokku's strict mode.</summary>
    Dokku = Core.Processes.ProcfileTool.Dokku,
}

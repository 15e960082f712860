namespace TwelveFactor.Core.Processes;

/// <summary>Why an admin task could not run. Each value maps to one stable error id in the cmdlets.</summary>
public enum AdminTaskProblem
{
    /// <summary>The command is not on PATH, does not exist, or is not executable.</summary>
    CommandNotFound,

    /// <summary>The working directory does not exist.</summary>
    WorkingDirectoryNotFound,

    /// <summary>A variable name or value cannot be put into a process environment.</summary>
    EnvironmentInvalid,

    /// <summary>The operating system refused to start the command.</summary>
    StartFailed,

    /// <summary>No Docker engine answered at the configured endpoint.</summary>
    EngineUnreachable,

    /// <summary>The engine does not have the image (no registry pull is attempted).</summary>
    ImageNotFound,

    /// <summary>The engine answered but refused to create, attach or start the container.</summary>
    ContainerFailed,
}

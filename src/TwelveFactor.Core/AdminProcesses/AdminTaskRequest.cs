using System;
using System.Collections.Generic;

namespace TwelveFactor.Core.AdminProcesses;

/// <summary>What the operator asked to run, as the cmdlet bound it; paths are already file-system paths.</summary>
public sealed record AdminTaskRequest
{
    /// <summary>The command.</summary>
    public required string FileName { get; init; }

    /// <summary>Its arguments, passed as they are (no shell).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = Array.Empty<string>();

    /// <summary>Where it runs; null: the working copy, else <see cref="DefaultWorkingDirectory"/>.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Where a task with neither a working directory nor a working copy runs (the app folder).</summary>
    public required string DefaultWorkingDirectory { get; init; }

    /// <summary>Values that override the config for this run; null removes a variable.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>Stop the task after this long; null: no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How long a stopped task gets between the graceful stop and the kill.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = AdminTaskSpec.DefaultShutdownGracePeriod;

    /// <summary>Defuse CI logging commands in the task's output.</summary>
    public bool NeutraliseLoggingCommands { get; init; }

    /// <summary>Attach the task to the terminal.</summary>
    public bool Interactive { get; init; }

    /// <summary>Run in a container instead of a local process.</summary>
    public bool InContainer { get; init; }

    /// <summary>The image for a container run; null: the release's.</summary>
    public string? Image { get; init; }
}

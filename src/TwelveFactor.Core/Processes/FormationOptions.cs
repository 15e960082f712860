using System;
using System.Collections.Generic;
using TwelveFactor.Core.AdminProcesses;

namespace TwelveFactor.Core.Processes;

/// <summary>How a formation runs.</summary>
public sealed record FormationOptions
{
    /// <summary>The processes to run.</summary>
    public required IReadOnlyList<FormationInstance> Instances { get; init; }

    /// <summary>The config every process gets (the environment's or the release's); PORT and PS are added per process.</summary>
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the processes run: the app folder or the release's working copy.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Time between the graceful stop and the kill.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = AdminTaskSpec.DefaultShutdownGracePeriod;

    /// <summary>What happens when one process exits.</summary>
    public RestartPolicy Restart { get; init; } = RestartPolicy.Never;

    /// <summary>The first wait before a restart; it doubles per quick exit up to <see cref="MaxRestartDelay"/>.</summary>
    public TimeSpan FirstRestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before a restart.</summary>
    public TimeSpan MaxRestartDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A process that ran this long before it exited starts again after <see cref="FirstRestartDelay"/>.</summary>
    public TimeSpan HealthyAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Defuse CI logging commands in the processes' output.</summary>
    public bool NeutraliseLoggingCommands { get; init; }

    /// <summary>How many log events may wait for the reader before the processes are made to wait (memory stays flat).</summary>
    public int EventBuffer { get; init; } = 4096;
}

using System;
using System.Collections.Generic;
using System.Text;

namespace TwelveFactor.Core.AdminProcesses;

/// <summary>What to run as a one-off admin process, and in which environment.</summary>
public sealed class AdminTaskSpec
{
    /// <summary>The default time between the graceful stop request and the kill.</summary>
    public static readonly TimeSpan DefaultShutdownGracePeriod = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The command. A bare name is looked up on the PATH the task itself will see (config may set PATH), then
    /// on this process's PATH; on Windows with the PATHEXT extensions too. A name with a directory separator is
    /// taken relative to <see cref="WorkingDirectory"/>.
    /// </summary>
    public required string FileName { get; init; }

    /// <summary>Arguments, each passed as one argument with no shell parsing.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = Array.Empty<string>();

    /// <summary>The task's working directory (the release's files); null for the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The config the task runs with: the release's snapshot or the environment's resolved config.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Values for this run only; they win over config. A null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>What comes from this process's own environment underneath the config.</summary>
    public EnvironmentInheritance Inheritance { get; init; } = EnvironmentInheritance.MachineBasics;

    /// <summary>Stop the task gracefully once this much time has passed since it started; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How long a stopping task gets between the graceful request and the kill.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = DefaultShutdownGracePeriod;

    /// <summary>
    /// Replace <c>##vso</c> with <c>**vso</c> in both streams, as the Azure Pipelines agent does for its own
    /// children, so the task cannot inject logging commands. The cmdlet sets it when TF_BUILD is set.
    /// </summary>
    public bool NeutraliseLoggingCommands { get; init; }

    /// <summary>
    /// Run attached to this process's terminal, as <c>heroku run bash</c> does: the task reads the keyboard and
    /// writes to the screen itself (nothing reaches <see cref="RunningAdminTask.Output"/>), stays in the
    /// terminal's foreground process group so Ctrl+C and job control reach it directly, and the caller's
    /// cancellation does not stop it (Ctrl+C is the task's to handle, as for a native command at a pwsh prompt).
    /// The timeout still applies. For consoles and shells; not for pipelines, whose output it does not filter.
    /// </summary>
    public bool Interactive { get; init; }

    /// <summary>How the task's output bytes are decoded; UTF-8 (without BOM) when null.</summary>
    public Encoding? OutputEncoding { get; init; }

    /// <summary>
    /// How many chunks of output may wait unread in <see cref="RunningAdminTask.Output"/> before the task is
    /// made to wait in its own writes (backpressure through the pipe). A chunk is the lines one read of the
    /// task's output completed, at most 64 KiB of output, so memory stays flat whatever the task writes.
    /// </summary>
    public int OutputBufferChunks { get; init; } = 8;
}

using System;
using System.Collections.Generic;
using System.Text;

namespace TwelveFactor.Core.AdminProcesses;

/// <summary>What to run as a one-off admin task in a Docker container, and with which config.</summary>
public sealed class ContainerTaskSpec
{
    /// <summary>
    /// The image: a release's digest (<c>name@sha256:...</c> or <c>sha256:...</c>) or <c>name:tag</c>. It must
    /// already be on the engine; admin tasks never pull, so a task runs exactly the image that was released.
    /// </summary>
    public required string Image { get; init; }

    /// <summary>The command and its arguments; empty for the image's own CMD.</summary>
    public IReadOnlyList<string> Command { get; init; } = Array.Empty<string>();

    /// <summary>The working directory inside the container; null for the image's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// The config, given to the container as its environment. Nothing of the caller's environment is added:
    /// the image defines the machine (its PATH, HOME and so on), as on a dyno.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Values for this run only; they win over config. A null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>The network to attach the container to (<c>docker run --network</c>); null for the engine's default.</summary>
    public string? Network { get; init; }

    /// <summary>Stop the task gracefully once this much time has passed since it started; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Time between the stop signal (the image's STOPSIGNAL, SIGTERM by default) and SIGKILL, as
    /// <c>docker stop -t</c>.
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = AdminTaskSpec.DefaultShutdownGracePeriod;

    /// <summary>Replace <c>##vso</c> with <c>**vso</c> in both streams (see <see cref="AdminTaskSpec.NeutraliseLoggingCommands"/>).</summary>
    public bool NeutraliseLoggingCommands { get; init; }

    /// <summary>How the container's output bytes are decoded; UTF-8 when null.</summary>
    public Encoding? OutputEncoding { get; init; }

    /// <summary>How many chunks of output may wait unread before the container is made to wait (see <see cref="AdminTaskSpec.OutputBufferChunks"/>).</summary>
    public int OutputBufferChunks { get; init; } = 8;
}

using System.Collections.Generic;

namespace TwelveFactor.Core.AdminProcesses;

/// <summary>
/// What a task runs with: the release (or none, for an environment's files), the environment, the config, the
/// release laid out as a working copy (none for a container or a release without files), and the release's image.
/// </summary>
public sealed record AdminTaskContext(
    string? ReleaseId,
    string? Environment,
    IReadOnlyDictionary<string, string> Config,
    string? WorkingCopy,
    string? Image);

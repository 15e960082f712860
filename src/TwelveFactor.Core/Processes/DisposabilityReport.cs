using System;
using System.Collections.Generic;
using System.Linq;

namespace TwelveFactor.Core.Processes;

/// <summary>What a disposability run of one process type measured, and the checks it makes of it.</summary>
/// <param name="Type">The process type.</param>
/// <param name="Port">The PORT it was given.</param>
/// <param name="Startup">From start until it accepted a connection on PORT; null when it never did.</param>
/// <param name="Shutdown">From the graceful stop until it (and everything it started) was gone.</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Killed">The graceful stop was not enough: it was killed after the grace period.</param>
/// <param name="LinesWritten">Lines it wrote to stdout and stderr.</param>
/// <param name="FilesWritten">Files it created or changed in its folder (relative paths).</param>
/// <param name="Checks">The checks, one per factor.</param>
public sealed record DisposabilityReport(
    string Type,
    int Port,
    TimeSpan? Startup,
    TimeSpan Shutdown,
    int ExitCode,
    bool Killed,
    int LinesWritten,
    IReadOnlyList<string> FilesWritten,
    IReadOnlyList<DisposabilityCheck> Checks)
{
    /// <summary>Every check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);
}

using System.Collections.Generic;

namespace TwelveFactor.Core.Processes;

/// <summary>How a formation ended.</summary>
/// <param name="ExitCode">The exit code of the process whose exit stopped the formation; when the user stopped it, 0 if every process left within the grace period, else 1.</param>
/// <param name="StoppedBy">The process whose exit stopped the formation (<c>web.1</c>), or null when the user stopped it or every process ended.</param>
/// <param name="StoppedByUser">Ctrl+C or Stop-Job.</param>
/// <param name="Restarts">How many times processes were started again.</param>
/// <param name="Killed">The processes that had to be killed after the grace period.</param>
public sealed record FormationOutcome(int ExitCode, string? StoppedBy, bool StoppedByUser, int Restarts, IReadOnlyList<string> Killed);

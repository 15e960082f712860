using System;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Supervision;

namespace TwelveFactor.Core.AdminProcesses;

/// <summary>A supervised run as an admin task's outcome, for the process and the container runners alike.</summary>
internal static class SupervisorOutcome
{
    public static async Task<AdminTaskOutcome> OutcomeAsync(this Supervisor supervisor, DateTimeOffset startedAt, CancellationToken abandon)
    {
        SupervisedExit exit = await supervisor.SuperviseAsync(abandon).ConfigureAwait(false);
        return new AdminTaskOutcome(exit.ExitCode, startedAt, exit.Duration, exit.TimedOut, exit.Cancelled, exit.Killed);
    }
}

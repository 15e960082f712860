using System;
using System.Collections;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Processes;

namespace TwelveFactor;

/// <summary>
/// Start-TfFormation -AsJob: a PowerShell job whose output is the formation's log events. Stop-Job stops the
/// formation gracefully (the same stop as Ctrl+C) and returns when every process is gone; Receive-Job reads the
/// events; the job fails when the process whose exit stopped the formation exited non-zero.
/// </summary>
public sealed class FormationJob : Job
{
    private readonly RunningFormation _running;
    private readonly Action _cleanUp;
    private readonly Task _pump;
    private int _exitCode;

    internal FormationJob(string command, string name, RunningFormation running, Action cleanUp)
        : base(command, name)
    {
        _running = running;
        _cleanUp = cleanUp;
        PSJobTypeName = "TwelveFactorFormation";
        SetJobState(JobState.Running);
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>The formation's exit code once it ended (see Start-TfFormation).</summary>
    public int ExitCode => _exitCode;

    public override string StatusMessage => JobStateInfo.State.ToString();

    public override bool HasMoreData => Output.Count > 0 || Error.Count > 0;

    public override string Location => Environment.MachineName;

    /// <summary>Stops every process gracefully and waits until they are gone.</summary>
    public override void StopJob()
    {
        _running.Stop();
        _pump.Wait();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _running.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task PumpAsync()
    {
        FormationOutcome? outcome = null;
        try
        {
            await foreach (Core.Processes.LogEvent e in _running.Events.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                Output.Add(PSObject.AsPSObject(LogEvents.From(e)));
            }

            outcome = await _running.Completion.ConfigureAwait(false);
            _exitCode = outcome.ExitCode;
        }
        catch (Exception ex) when (ex is InvalidOperationException or AggregateException)
        {
            Error.Add(new ErrorRecord(ex, "FormationJobFailed", ErrorCategory.NotSpecified, Name));
        }
        finally
        {
            _cleanUp();
            Output.Complete();
            Error.Complete();
            SetJobState(outcome is null ? JobState.Failed
                : outcome.StoppedByUser ? JobState.Stopped
                : outcome.ExitCode != 0 ? JobState.Failed
                : JobState.Completed);
        }
    }
}

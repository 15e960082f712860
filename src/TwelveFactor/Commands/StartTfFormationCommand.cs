using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.ContinuousIntegration;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Processes;
using TwelveFactor.Core.Releases;
using TwelveFactor.Resources;

namespace TwelveFactor.Commands;

/// <summary>
/// Runs a Procfile's processes (factors VI-IX) with an environment's or a release's config, each with its PORT, and
/// streams their logs as events (XI). One process's exit, or Ctrl+C, stops the rest gracefully; -Restart keeps them
/// running instead; -AsJob runs the formation as a job that Stop-Job stops gracefully.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "TfFormation", SupportsShouldProcess = true)]
[OutputType(typeof(LogEvent), typeof(FormationJob))]
public sealed class StartTfFormationCommand : ProcfileCommand
{
    private AdminTaskContext? _context;

    /// <summary>How many of each process type run: 'web=2,worker=1' (all=N sets the rest); default one of each.</summary>
    [Parameter(Position = 0)]
    public string? Formation { get; set; }

    /// <summary>What happens when a process exits: Never (stop the rest, as foreman does), OnFailure or Always (start it again, with backoff, while the rest run).</summary>
    [Parameter]
    public RestartPolicy Restart { get; set; } = RestartPolicy.Never;

    /// <summary>Run the formation as a background job: its output is the log events, Stop-Job stops it gracefully.</summary>
    [Parameter]
    public SwitchParameter AsJob { get; set; }

    protected override void ProcessRecord()
    {
        if (!TryPrepare(out FormationOptions? options, out string? description))
        {
            RemoveWorkingCopy();
            return;
        }

        if (!ShouldProcess(description!, Strings.StartFormationAction))
        {
            RemoveWorkingCopy();
            return;
        }

        if (AsJob)
        {
            // The job outlives this command: it gets its own stop, not this pipeline's Ctrl+C.
            AdminTaskContext? context = _context;
            _context = null;
            RunningFormation background = new FormationRunner(options!).Start(System.Threading.CancellationToken.None);
            var job = new FormationJob(MyInvocation.Line, "Formation", background, () => { if (context is not null) { AdminTaskService.RemoveWorkingCopy(context); } });
            JobRepository.Add(job);
            WriteObject(job);
            return;
        }

        try
        {
            Run(options!);
        }
        finally
        {
            RemoveWorkingCopy();
        }
    }

    private void Run(FormationOptions options)
    {
        using RunningFormation running = new FormationRunner(options).Start(CancellationToken);
        bool stopped = false;
        var events = running.Events;
        while (events.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (events.TryRead(out Core.Processes.LogEvent? e))
            {
                if (stopped)
                {
                    continue; // Ctrl+C: the processes are stopping; their last lines have nowhere to go.
                }

                try
                {
                    WriteObject(LogEvents.From(e));
                }
                catch (PipelineStoppedException)
                {
                    stopped = true;
                }
            }
        }

        FormationOutcome outcome = running.Completion.GetAwaiter().GetResult();
        if (stopped)
        {
            throw new PipelineStoppedException();
        }

        SessionState.PSVariable.Set("global:LASTEXITCODE", outcome.ExitCode);
        if (outcome.StoppedBy is not null && outcome.ExitCode != 0)
        {
            WriteError(ErrorRecordFactory.Create(
                ProblemId.FormationProcessFailed,
                new InvalidOperationException(string.Format(CultureInfo.CurrentCulture, Strings.StartFormationProcessFailed, outcome.StoppedBy, outcome.ExitCode)),
                outcome.StoppedBy));
        }
    }

    private bool TryPrepare(out FormationOptions? options, out string? description)
    {
        options = null;
        description = null;
        var config = ResolveConfig();
        if (config is null)
        {
            return false;
        }

        string folder = _context?.WorkingCopy ?? AppFolder;
        string procfilePath = ProcfileLocation.Resolve(this, Path, folder);
        try
        {
            Procfile procfile = Procfile.Read(procfilePath);
            var instances = Core.Processes.Formation.Parse(Formation).Plan(procfile, Port);
            if (instances.Count == 0)
            {
                throw new ProcfileException(ProblemId.FormationInvalid, Formation, Strings.StartFormationNothingToRun);
            }

            options = new FormationOptions
            {
                Instances = instances,
                Config = config,
                WorkingDirectory = folder,
                ShutdownGracePeriod = ShutdownTimeout,
                Restart = (Core.Processes.RestartPolicy)(int)Restart,
                NeutraliseLoggingCommands = DisplayNeutralizer.Current != DisplayNeutralizer.CiSystems.None,
            };
            description = string.Format(CultureInfo.CurrentCulture, Strings.StartFormationTarget,
                string.Join(", ", instances.Select(i => i.Name + " (PORT " + i.Port.ToString(CultureInfo.InvariantCulture) + ")")), folder);
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.StartFormationVerbose, procfilePath, config.Count, Restart, ShutdownTimeout.TotalSeconds));
            return true;
        }
        catch (ProcfileException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return false;
        }
    }

    private System.Collections.Generic.IReadOnlyDictionary<string, string>? ResolveConfig()
    {
        if (Release is null)
        {
            string? environment = EffectiveEnvironment(Environment);
            var resolution = ResolveEnvironmentLayers(environment, Core.Config.ConfigPrecedence.Files);
            return resolution.Failures.Count > 0 ? null : resolution.Values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        }

        try
        {
            var service = new AdminTaskService(OpenStore(createIfMissing: false), ReleaseServiceOptions.FromEnvironment());
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskLayingOutRelease, Release, EffectiveApp(), AdminTaskService.WorkRoot));
            _context = service.FromReleaseAsync(EffectiveApp(), Release, inContainer: false, pinImage: false, CancellationToken).GetAwaiter().GetResult();
            return _context.Config;
        }
        catch (ReleaseException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return null;
        }
    }

    private void RemoveWorkingCopy()
    {
        if (_context is not null)
        {
            AdminTaskService.RemoveWorkingCopy(_context);
            _context = null;
        }
    }
}

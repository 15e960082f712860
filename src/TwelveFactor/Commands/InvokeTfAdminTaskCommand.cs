using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core;
using TwelveFactor.Resources;

using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.Supervision;
using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>
/// Runs a one-off admin process (a migration, a data fix, a console) with a release's files and config, or an
/// environment's config: <c>heroku run</c> for any machine. Output streams live; the exit code is an error record
/// when it is not zero, and <c>$LASTEXITCODE</c> is set as for a native command.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "TfAdminTask", SupportsShouldProcess = true, DefaultParameterSetName = ProcessParameterSet)]
[OutputType(typeof(string))]
[OutputType(typeof(AdminTaskResult))]
public sealed partial class InvokeTfAdminTaskCommand : StoreCommand
{
    private const string ProcessParameterSet = "Process";
    private const string ContainerParameterSet = "Container";

    /// <summary>The program to run: a name found on the task's PATH, or a path.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Command")]
    [ValidateNotNullOrEmpty]
    public string FilePath { get; set; } = string.Empty;

    /// <summary>Arguments for the program, passed as they are (no shell).</summary>
    [Parameter(Position = 1)]
    [Alias("Args")]
    public string[] ArgumentList { get; set; } = Array.Empty<string>();

    /// <summary>The release whose files and config to run with: an id such as v12, or a release from Get-TfRelease.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ReleaseIdCompleter))]
    public string? Release { get; set; }

    /// <summary>Keep the release's working copy after the task ends (for debugging); its path is in the verbose output.</summary>
    [Parameter]
    public SwitchParameter KeepWorkingCopy { get; set; }

    /// <summary>The environment whose config to run with when no release is given; defaults to $env:TF_ENVIRONMENT.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    /// <summary>The working directory; defaults to the release's files, else the current location.</summary>
    [Parameter(ParameterSetName = ProcessParameterSet)]
    [Parameter(ParameterSetName = ContainerParameterSet)]
    public string? WorkingDirectory { get; set; }

    /// <summary>Stop the task after this many seconds (graceful stop first, then kill after -ShutdownTimeout); a TimeSpan such as 00:05:00 also works.</summary>
    [Parameter]
    [Seconds]
    public TimeSpan? Timeout { get; set; }

    /// <summary>How many seconds a stopped task gets to exit after the graceful signal before it is killed (or a TimeSpan). Default 10 seconds.</summary>
    [Parameter]
    [Seconds]
    public TimeSpan ShutdownTimeout { get; set; } = AdminTaskSpec.DefaultShutdownGracePeriod;

    /// <summary>Values that override the config for this run only: -Set @{ LOG_LEVEL = 'debug' }. $null removes a variable.</summary>
    [Parameter]
    public Hashtable? Set { get; set; }

    /// <summary>Run the task in a Docker container (the release's image, or -Image) instead of a local process.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ContainerParameterSet)]
    public SwitchParameter Container { get; set; }

    /// <summary>The image to run with -Container when the release has none (name:tag or name@sha256:...).</summary>
    [Parameter(ParameterSetName = ContainerParameterSet)]
    public string? Image { get; set; }

    /// <summary>
    /// Attach the task to this terminal, like heroku run bash: it reads the keyboard and writes to the screen
    /// itself (its output does not enter the pipeline), and Ctrl+C goes to the task, not to PowerShell's stop.
    /// For consoles and shells (bash, rails console, psql); the exit code, -Timeout and the audit work as usual.
    /// </summary>
    [Parameter(ParameterSetName = ProcessParameterSet)]
    public SwitchParameter Interactive { get; set; }

    /// <summary>Write a TwelveFactor.AdminTaskResult after the task's output.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Run in a production environment without asking for confirmation (for automation).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        if (ShutdownTimeout < TimeSpan.Zero || Timeout <= TimeSpan.Zero)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(ProblemId.AdminTaskArgumentInvalid, new PSArgumentOutOfRangeException(nameof(Timeout), Timeout, Strings.InvokeAdminTaskTimeoutsInvalid), Timeout));
        }
    }

    protected override void ProcessRecord()
    {
        var context = ResolveContext();
        if (context is null)
        {
            return;
        }

        try
        {
            string where = context.ReleaseId is not null ? string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskReleaseWithEnvironment, context.ReleaseId, context.Environment ?? Strings.NoEnvironment) : string.Format(CultureInfo.CurrentCulture, Strings.EnvironmentNamed, context.Environment ?? Strings.SharedEnvironment);
            if (!ShouldProcess(string.Format(CultureInfo.CurrentCulture, Strings.TargetIn, FilePath, where), Strings.InvokeAdminTaskAction))
            {
                return;
            }

            if (context.Environment is not null && ProductionEnvironmentRule.IsProduction(context.Environment) && !Force && !ConfirmProduction(context.Environment))
            {
                return;
            }

            Run(context);
        }
        finally
        {
            RemoveWorkingCopy(context);
        }
    }

    // A run's copy of the release goes when the run ends, however it ends; -KeepWorkingCopy keeps it to look at.
    private void RemoveWorkingCopy(AdminTaskContext context)
    {
        if (KeepWorkingCopy && context.WorkingCopy is { } folder)
        {
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskKeptWorkingCopy, folder));
            return;
        }

        AdminTaskService.RemoveWorkingCopy(context);
    }

    // Production asks even without -Confirm (ConfirmImpact High for these runs only); -Force skips the question.
    private bool ConfirmProduction(string environment)
    {
        // Stdin at end of file (a CI step without -NonInteractive) makes the console host's prompt fail with a
        // NullReferenceException: no answer, so a refusal, never a yes. hasSecurityImpact makes No the default.
        try
        {
            bool yesToAll = false;
            bool noToAll = false;
            return ShouldContinue(
                string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskProductionQuery, environment, ModuleSettings.ProductionEnvironmentsVariable, FilePath),
                Strings.InvokeAdminTaskProductionCaption,
                hasSecurityImpact: true,
                ref yesToAll,
                ref noToAll);
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or System.Management.Automation.Host.HostException or NotImplementedException or PSNotImplementedException or NullReferenceException)
        {
            WriteError(ErrorRecordFactory.Create(ProblemId.ProductionConfirmationRequired, new PSInvalidOperationException(string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskProductionNeedsForce, environment, FilePath), ex), environment));
            return false;
        }
    }

    private Dictionary<string, string?> Overrides()
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (Set is null)
        {
            return overrides;
        }

        foreach (DictionaryEntry entry in Set)
        {
            string name = LanguagePrimitives.ConvertTo<string>(entry.Key);
            overrides[name] = entry.Value switch
            {
                null => null,
                System.Security.SecureString secure => ConfigEntryFactory.ToPlainText(secure),
                PSObject { BaseObject: System.Security.SecureString secure } => ConfigEntryFactory.ToPlainText(secure),
                var other => LanguagePrimitives.ConvertTo<string>(other),
            };
        }

        return overrides;
    }

    private void Run(AdminTaskContext context)
    {
        // Inside a CI system, the task's output must not be able to command it (Azure Pipelines' ##vso and ##[,
        // GitHub Actions' ::workflow-commands::).
        bool neutralise = Core.ContinuousIntegration.DisplayNeutralizer.Current != Core.ContinuousIntegration.DisplayNeutralizer.CiSystems.None;
        var overrides = Overrides();
        bool stderrToErrorStream = !IsErrorActionStop();
        if (Interactive && neutralise)
        {
            WriteWarning(Strings.InvokeAdminTaskInteractiveUnfiltered);
        }

        var request = new AdminTaskRequest
        {
            FileName = FilePath,
            Arguments = ArgumentList,
            WorkingDirectory = WorkingDirectory is null ? null : Container ? WorkingDirectory : GetUnresolvedProviderPathFromPSPath(WorkingDirectory),
            DefaultWorkingDirectory = AppFolder,
            Overrides = overrides,
            Timeout = Timeout,
            ShutdownGracePeriod = ShutdownTimeout,
            NeutraliseLoggingCommands = neutralise,
            Interactive = Interactive.IsPresent,
            InContainer = Container.IsPresent,
            Image = Image,
        };
        WriteVerbose(Container
            ? string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskStartingContainer, FilePath, AdminTaskService.ImageFor(context, request), Describe(context))
            : string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskStarting, FilePath, AdminTaskService.WorkingDirectoryFor(context, request), Describe(context), context.Config.Count,
                overrides.Count > 0 ? string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskOverridesOf, string.Join(", ", overrides.Keys)) : string.Empty));

        RunningAdminTask running;
        try
        {
            running = Service().StartAsync(context, request, CancellationToken).GetAwaiter().GetResult();
        }
        catch (AdminTaskException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        AdminTaskOutcome outcome;
        try
        {
            // Lines are written here, on the pipeline thread, as they arrive: PowerShell streams are not thread-safe.
            var output = running.Output;
            while (output.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (output.TryRead(out var line))
                {
                    if (line.Kind == OutputKind.Stdout)
                    {
                        WriteObject(line.Line);
                    }
                    else if (stderrToErrorStream)
                    {
                        WriteError(CompactErrorRecord.ForStderrLine(line.Line, ProblemId.AdminTaskStandardError, FilePath, MyInvocation.MyCommand));
                    }
                    else
                    {
                        // Under -ErrorAction Stop the exit code decides, as pwsh does for native commands' stderr.
                        WriteInformation(new HostInformationMessage { Message = line.Line }, new[] { "stderr", "PSHOST" });
                    }
                }
            }

            outcome = running.Completion.GetAwaiter().GetResult();
        }
        finally
        {
            running.Dispose();
        }

        SetLastExitCode(outcome.ExitCode);
        Audit(context, request, outcome);
        if (PassThru)
        {
            WriteObject(new AdminTaskResult(context.ReleaseId, context.Environment, AdminTaskService.MaskedCommandLine(context, request), outcome.ExitCode, outcome.StartedAt, outcome.Duration, outcome.TimedOut, outcome.Cancelled));
        }

        if (outcome.TimedOut)
        {
            WriteError(ErrorRecordFactory.Create(ProblemId.AdminTaskTimedOut, new TimeoutException(string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskTimedOut, FilePath, Timeout, outcome.ExitCode)), FilePath));
        }
        else if (outcome.ExitCode != 0 && !outcome.Cancelled)
        {
            WriteError(ErrorRecordFactory.Create(ProblemId.AdminTaskFailed, new InvalidOperationException(string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskNonZeroExit, FilePath, outcome.ExitCode)), FilePath));
        }
    }

    private string Describe(AdminTaskContext context) =>
        context.ReleaseId is not null ? string.Format(CultureInfo.CurrentCulture, Strings.ReleaseNamed, context.ReleaseId) : string.Format(CultureInfo.CurrentCulture, Strings.EnvironmentNamed, context.Environment ?? Strings.SharedEnvironment);

    private bool IsErrorActionStop()
    {
        if (MyInvocation.BoundParameters.TryGetValue("ErrorAction", out object? bound))
        {
            return string.Equals(bound?.ToString(), nameof(ActionPreference.Stop), StringComparison.OrdinalIgnoreCase);
        }

        return GetVariableValue("ErrorActionPreference") is ActionPreference.Stop;
    }

    private void SetLastExitCode(int code) =>
        SessionState.PSVariable.Set("global:LASTEXITCODE", code);
}

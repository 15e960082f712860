using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Processes;
using TwelveFactor.Resources;

namespace TwelveFactor.Commands;

/// <summary>
/// Runs one process type with a free PORT and measures it against the factors only a run can show: VII (it binds
/// PORT, and how soon), IX (it stops on SIGTERM, how soon, with which code), XI (it logs to stdout/stderr, not to
/// files) and VI (it leaves no state in its folder).
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TfDisposability")]
[OutputType(typeof(DisposabilityResult), typeof(bool))]
public sealed class TestTfDisposabilityCommand : TfCmdlet
{
    /// <summary>The process type to run (web, worker, ...).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(ProcessTypeCompleter))]
    public string Type { get; set; } = string.Empty;

    /// <summary>The environment whose config the process gets; defaults to $env:TF_ENVIRONMENT.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    /// <summary>The Procfile; defaults to Procfile in the current folder.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Path { get; set; }

    /// <summary>How many seconds the process gets to accept a connection on PORT (or a TimeSpan). Default 30 seconds.</summary>
    [Parameter]
    [Seconds]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many seconds it gets to exit after SIGTERM before it is killed (or a TimeSpan). Default 10 seconds.</summary>
    [Parameter]
    [Seconds]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Answer $true when every check passes, else $false, instead of writing the result.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        string? environment = EffectiveEnvironment(Environment);
        var resolution = ResolveEnvironmentLayers(environment, Core.Config.ConfigPrecedence.Files);
        if (resolution.Failures.Count > 0)
        {
            return;
        }

        string procfilePath = ProcfileLocation.Resolve(this, Path, AppFolder);
        ProcessTypeDefinition? type;
        try
        {
            Procfile procfile = Procfile.Read(procfilePath);
            type = procfile.Types.FirstOrDefault(t => t.Name == Type)
                ?? throw new ProcfileException(ProblemId.ProcessTypeNotFound, Type, string.Format(CultureInfo.CurrentCulture, Strings.DisposabilityTypeNotFound, Type, procfilePath, string.Join(", ", procfile.Types.Select(t => t.Name))));
        }
        catch (ProcfileException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return;
        }

        WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.DisposabilityVerbose, Type, AppFolder, Timeout.TotalSeconds, ShutdownTimeout.TotalSeconds));
        var progress = new ProgressRecord(3, string.Format(CultureInfo.CurrentCulture, Strings.DisposabilityActivity, Type), Strings.DisposabilityStatus);
        WriteProgress(progress);
        DisposabilityReport report = DisposabilityProbe.ProbeAsync(
            type, resolution.Values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal), AppFolder, Timeout, ShutdownTimeout, CancellationToken)
            .GetAwaiter().GetResult();
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);

        if (Quiet)
        {
            WriteObject(report.Passed);
            return;
        }

        WriteObject(new DisposabilityResult(
            report.Type, report.Port, report.Passed, report.Startup, report.Shutdown, report.ExitCode, report.Killed, report.LinesWritten,
            report.FilesWritten.ToArray(),
            report.Checks.Select(c => new DisposabilityCheck(c.Factor, c.Passed, c.Figure, c.Detail)).ToArray()));
    }
}

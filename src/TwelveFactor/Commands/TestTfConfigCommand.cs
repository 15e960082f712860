using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Core.Config;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>Checks an environment's env files and reports findings as objects; never shows a value.</summary>
[Cmdlet(VerbsDiagnostic.Test, "TfConfig", DefaultParameterSetName = LayersParameterSet)]
[OutputType(typeof(ConfigFinding))]
public sealed class TestTfConfigCommand : ConfigCommand
{
    /// <summary>A YAML or JSON schema of required keys and value rules. Without it, the keys of .env.example in the current location are required.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Schema { get; set; }

    /// <summary>Fail the command (ConfigCheckFailed, a terminating error) when any finding has Error severity: for pipeline steps.</summary>
    [Parameter]
    public SwitchParameter Strict { get; set; }

    /// <summary>Return only $true when no finding has Error severity, else $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        bool explicitFiles = ParameterSetName != LayersParameterSet;
        string? environment = explicitFiles ? null : EffectiveEnvironment(Environment);
        if (!explicitFiles)
        {
            RequireEnvironment(environment);
        }

        var files = explicitFiles
            ? ResolvePaths(Path ?? LiteralPath!, literal: ParameterSetName == LiteralPathParameterSet)
            : ConfigLayout.LayerFiles(AppFolder, environment).ToList();
        if (explicitFiles && files.Count == 0)
        {
            // Every path matched nothing (each already reported): a check of no file must not pass.
            return;
        }

        if (!LoadSchema(out ConfigSchema? schema))
        {
            return;
        }

        foreach (string file in files)
        {
            WriteVerbose(File.Exists(file) ? string.Format(CultureInfo.CurrentCulture, Strings.TestConfigCheckingFile, file) : string.Format(CultureInfo.CurrentCulture, Strings.TestConfigFileMissing, file));
        }

        var findings = ConfigChecker.Check(files, explicitFiles, environment, schema, ProcessEnvironmentSnapshot())
            .OrderBy(f => f.File, System.StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Column);
        bool inAzurePipelines = ModuleSettings.InAzurePipelines;
        int errors = 0;
        foreach (var finding in findings)
        {
            string source = finding.File is null ? string.Empty
                : finding.Column > 0 ? $"{finding.File}:{finding.Line}:{finding.Column}"
                : finding.Line > 0 ? $"{finding.File}:{finding.Line}"
                : finding.File;
            bool isError = finding.Severity == FindingSeverity.Error;
            errors += isError ? 1 : 0;
            if (inAzurePipelines && finding.Severity != FindingSeverity.Information)
            {
                // As Test-TfParity does: the agent turns these lines of the step's output into issues on the run.
                string line = Core.ContinuousIntegration.AzurePipelinesLogger.FormatLogIssue(
                    isError ? Core.ContinuousIntegration.AzurePipelinesIssueType.Error : Core.ContinuousIntegration.AzurePipelinesIssueType.Warning,
                    finding.Rule + ": " + finding.Message,
                    finding.File,
                    finding.Line);
                WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST" });
            }

            if (!Quiet)
            {
                WriteObject(new ConfigFinding(finding.Rule, finding.Severity.ToString(), finding.Key, source, finding.Message));
            }
        }

        if (Quiet)
        {
            WriteObject(errors == 0);
        }

        if (Strict && errors > 0)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(ProblemId.ConfigCheckFailed, new System.InvalidOperationException(string.Format(CultureInfo.CurrentCulture, Strings.TestConfigFailed, errors)), errors));
        }
    }

    private bool LoadSchema(out ConfigSchema? schema)
    {
        schema = null;
        try
        {
            if (Schema is not null)
            {
                string path = GetUnresolvedProviderPathFromPSPath(Schema);
                WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.TestConfigCheckingAgainstSchema, path));
                schema = ConfigSchema.Load(path);
                return true;
            }

            string example = System.IO.Path.Combine(AppFolder, ConfigLayout.ExampleFileName);
            if (File.Exists(example))
            {
                WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.TestConfigRequiringKeys, example));
                schema = ConfigSchema.FromExample(EnvFileReader.ReadLayer(example), example);
            }

            return true;
        }
        catch (ConfigSchemaException ex)
        {
            WriteError(ErrorRecordFactory.Create(ProblemId.SchemaInvalid, ex, ex.File));
            return false;
        }
        catch (ConfigFileException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return false;
        }
    }
}

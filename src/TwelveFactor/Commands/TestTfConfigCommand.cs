using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Core.Config;
using TwelveFactor.Resources;

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

    protected override void ProcessRecord()
    {
        bool explicitFiles = ParameterSetName != LayersParameterSet;
        string? environment = explicitFiles ? null : EffectiveEnvironment(Environment);
        var files = explicitFiles
            ? ResolvePaths(Path ?? LiteralPath!, literal: ParameterSetName == LiteralPathParameterSet)
            : ConfigLayout.LayerFiles(AppFolder, environment).ToList();

        if (!LoadSchema(out ConfigSchema? schema))
        {
            return;
        }

        foreach (string file in files)
        {
            WriteVerbose(File.Exists(file) ? string.Format(CultureInfo.CurrentCulture, Strings.TestConfigCheckingFile, file) : string.Format(CultureInfo.CurrentCulture, Strings.TestConfigFileMissing, file));
        }

        var findings = ConfigChecker.Check(files, explicitFiles, environment, schema, ProcessVariable)
            .OrderBy(f => f.File, System.StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Column);
        foreach (var finding in findings)
        {
            string source = finding.File is null ? string.Empty
                : finding.Column > 0 ? $"{finding.File}:{finding.Line}:{finding.Column}"
                : finding.Line > 0 ? $"{finding.File}:{finding.Line}"
                : finding.File;
            WriteObject(new ConfigFinding(finding.Rule, finding.Severity.ToString(), finding.Key, source, finding.Message));
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
                schema = ConfigSchema.FromExample(EnvFileReader.Read(example), example);
            }

            return true;
        }
        catch (ConfigSchemaException ex)
        {
            WriteError(new ErrorRecord(ex, ErrorIds.SchemaInvalid, ErrorCategory.InvalidData, ex.File));
            return false;
        }
        catch (ConfigFileException ex)
        {
            WriteError(ConfigFileError(ex));
            return false;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using TwelveFactor.Completers;
using TwelveFactor.Core.Config;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>
/// Writes config out in a format another tool reads: an env file, JSON, YAML, Azure Pipelines variables, GitHub
/// Actions' $GITHUB_ENV, or a docker --env-file. Reads the environment's config, or the entries piped in from
/// Get-TfConfig.
/// </summary>
[Cmdlet(VerbsData.Export, "TfConfig", DefaultParameterSetName = LayersParameterSet, SupportsShouldProcess = true)]
[OutputType(typeof(string))]
public sealed class ExportTfConfigCommand : TfCmdlet
{
    private const string LayersParameterSet = "Layers";
    private const string InputParameterSet = "InputObject";
    private readonly List<ConfigValue> _piped = new();

    /// <summary>The format to write.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public ConfigExportFormat Format { get; set; }

    /// <summary>The file to write. Without it, the text goes to the pipeline (GitHubActions: $env:GITHUB_ENV is the default file).</summary>
    [Parameter(Position = 1)]
    [Alias("Destination")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The environment to export; defaults to $env:TF_ENVIRONMENT.</summary>
    [Parameter(ParameterSetName = LayersParameterSet)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    /// <summary>Who wins when a key is both in the process environment and in a file; by default the files only, so your shell never leaks into an export.</summary>
    [Parameter(ParameterSetName = LayersParameterSet)]
    public ConfigPrecedence Precedence { get; set; } = ConfigPrecedence.FilesOnly;

    /// <summary>Entries from Get-TfConfig to export instead of an environment's config.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputParameterSet)]
    public ConfigEntry[]? InputObject { get; set; }

    /// <summary>Show secret values when writing Dotenv, Json, Yaml or DockerEnvFile text to the pipeline. Files always get real values.</summary>
    [Parameter]
    public SwitchParameter AsPlainText { get; set; }

    /// <summary>Print AzureDevOps or GitHubActions commands that carry secrets to a console outside that CI system.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var entry in InputObject ?? Array.Empty<ConfigEntry>())
        {
            string value = entry.RealValue;
            _piped.Add(new ConfigValue(entry.Name, value, entry.MarkedSecret, ConfigSource.FromFile(entry.Source, 0), Array.Empty<ConfigSource>()));
        }
    }

    protected override void EndProcessing()
    {
        IReadOnlyList<ConfigValue> values = ParameterSetName == InputParameterSet ? _piped : ResolveLayers();
        bool pathGiven = Path is not null;
        string? destination = pathGiven
            ? GetUnresolvedProviderPathFromPSPath(Path!)
            : Format == ConfigExportFormat.GitHubActions ? ModuleSettings.Read(ModuleSettings.GitHubEnvVariable) : null;
        bool toPipeline = destination is null;

        // -WhatIf: say what would be written where, and write and print nothing (commands included).
        string target = destination ?? Strings.ExportConfigPipelineTarget;
        if (!ShouldProcess(target, Format == ConfigExportFormat.GitHubActions && !toPipeline
            ? string.Format(CultureInfo.CurrentCulture, Strings.ExportConfigAppendConfig, Format)
            : string.Format(CultureInfo.CurrentCulture, Strings.ExportConfigWriteConfig, Format)))
        {
            return;
        }

        // Commands that carry secrets reach a console only inside the CI system that masks them.
        bool printsCommands = Format switch
        {
            ConfigExportFormat.AzureDevOps => toPipeline,
            ConfigExportFormat.GitHubActions => !pathGiven,
            _ => false,
        };
        if (printsCommands && values.Any(v => v.IsSecret) && !Force && !SafeOnConsole())
        {
            return;
        }

        var export = ConfigExporter.Export(values, (Core.Config.ConfigExportFormat)Format, maskSecrets: toPipeline && !AsPlainText && Format != ConfigExportFormat.AzureDevOps);
        foreach (var skip in export.Skipped)
        {
            WriteError(ErrorRecordFactory.Create(ProblemId.ExportKeySkipped, new InvalidOperationException(string.Format(CultureInfo.CurrentCulture, Strings.ExportConfigKeyNotExported, skip.Name, skip.Reason)), skip.Name));
        }

        if (Format == ConfigExportFormat.AzureDevOps)
        {
            // The logging commands are the export: on the pipeline (the step's stdout), or in the file and nowhere else.
            if (toPipeline)
            {
                WriteObject(export.Commands, enumerateCollection: true);
            }
            else
            {
                WriteFile(destination!, string.Concat(export.Commands.Select(c => c + "\n")));
            }

            base.EndProcessing();
            return;
        }

        // ::add-mask:: commands go to the runner's stdout when the values go to its $GITHUB_ENV; with an explicit
        // -Path the file alone holds the output.
        if (printsCommands)
        {
            WriteObject(export.Commands, enumerateCollection: true);
        }

        if (toPipeline)
        {
            // One string per line, so Select-String, Out-File and Set-Content see lines.
            WriteObject(Lines(export.Text), enumerateCollection: true);
        }
        else
        {
            WriteFile(destination!, export.Text);
        }

        base.EndProcessing();
    }

    private static IEnumerable<string> Lines(string text)
    {
        if (text.Length == 0)
        {
            return Array.Empty<string>();
        }

        string trimmed = text.EndsWith('\n') ? text[..^1] : text;
        return trimmed.Split('\n');
    }

    // Azure DevOps commands carry real values (issecret makes the agent mask them) and $GITHUB_ENV exports print
    // ::add-mask:: with each secret: safe inside that CI system, a leak on anyone else's terminal.
    private bool SafeOnConsole()
    {
        string? problem = Format switch
        {
            ConfigExportFormat.AzureDevOps when !ModuleSettings.InAzurePipelines =>
                Strings.ExportConfigNotInAzurePipelines,
            ConfigExportFormat.GitHubActions when !ModuleSettings.InGitHubActions =>
                Strings.ExportConfigNotInGitHubActions,
            _ => null,
        };
        if (problem is null)
        {
            return true;
        }

        WriteError(ErrorRecordFactory.Create(ProblemId.ExportDestinationMissing, new InvalidOperationException(problem), Format));
        return false;
    }

    private IReadOnlyList<ConfigValue> ResolveLayers()
    {
        string? environment = EffectiveEnvironment(Environment);
        var resolution = ResolveEnvironmentLayers(environment, (Core.Config.ConfigPrecedence)Precedence);

        WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.ExportConfigExporting, resolution.Values.Count, environment ?? Strings.SharedEnvironment, Format));
        return resolution.Values;
    }

    private void WriteFile(string destination, string text)
    {
        // $GITHUB_ENV is appended to, never overwritten: earlier steps' variables live there too.
        bool append = Format == ConfigExportFormat.GitHubActions;
        try
        {
            if (append)
            {
                OwnerOnlyAppender.Append(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
            }
            else
            {
                // Owner-only for a new file: an export usually carries secrets.
                AtomicFile.WriteAllBytes(destination, new UTF8Encoding(false).GetBytes(text), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.ExportConfigWroteConfig, Format, destination));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(ErrorRecordFactory.Create(ProblemId.ExportWriteFailed, ex, destination));
        }
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Config;
using TwelveFactor.Resources;

namespace TwelveFactor.Commands;

/// <summary>
/// The parameters and resolution shared by the cmdlets that read layered config (Get, Import, Export, Test):
/// the environment's layer files in the current location, or exactly the files given with -Path.
/// </summary>
public abstract class ConfigCommand : TfCmdlet
{
    protected const string LayersParameterSet = "Layers";
    protected const string PathParameterSet = "Path";
    protected const string LiteralPathParameterSet = "LiteralPath";

    /// <summary>The environment whose layers to read; defaults to $env:TF_ENVIRONMENT.</summary>
    [Parameter(ParameterSetName = LayersParameterSet)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    /// <summary>Exactly these files, in order, later ones winning. Wildcards expand.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathParameterSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Like -Path, without wildcard expansion.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathParameterSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    private ConfigPrecedence? _precedence;

    /// <summary>Who wins when a key is both in the process environment and in a file.</summary>
    [Parameter]
    public ConfigPrecedence Precedence
    {
        get => _precedence ?? DefaultPrecedence;
        set => _precedence = value;
    }

    /// <summary>
    /// The precedence without -Precedence. Reading (Get-TfConfig) shows what a process started here would see,
    /// the shell included; cmdlets that carry config somewhere else (Import, Export) read the files only, since
    /// the shell's variables are not config of an environment.
    /// </summary>
    protected virtual ConfigPrecedence DefaultPrecedence => ConfigPrecedence.ProcessEnvironment;

    /// <summary>True when the user gave -Precedence.</summary>
    protected bool PrecedenceGiven => _precedence is not null;

    /// <summary>The environment actually used (null with -Path, or when none is set).</summary>
    protected string? ResolvedEnvironment { get; private set; }

    /// <summary>Resolves the config, writing one error per file that failed; the other files still count.</summary>
    protected ConfigResolution ResolveConfig() => ResolveConfig(ConfigFiles());

    /// <summary>The files the config comes from, lowest layer first (the -Path files, or the environment's layers).</summary>
    protected IReadOnlyList<string> ConfigFiles()
    {
        if (ParameterSetName != LayersParameterSet)
        {
            ResolvedEnvironment = null;
            return ResolvePaths(Path ?? LiteralPath!, literal: ParameterSetName == LiteralPathParameterSet);
        }

        ResolvedEnvironment = EffectiveEnvironment(Environment);
        RequireEnvironment(ResolvedEnvironment);
        return ConfigLayout.LayerFiles(AppFolder, ResolvedEnvironment);
    }

    /// <summary>Resolves the config of <paramref name="files"/> (from <see cref="ConfigFiles"/>).</summary>
    protected ConfigResolution ResolveConfig(IReadOnlyList<string> files)
    {
        bool explicitFiles = ParameterSetName != LayersParameterSet;
        var resolution = ResolveConfigFiles(files, explicitFiles, (Core.Config.ConfigPrecedence)Precedence);
        WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.ConfigResolved, resolution.Count, resolution.FilesRead.Count, Precedence));
        return resolution;
    }
}

using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Config;
using TwelveFactor.Resources;

namespace TwelveFactor.Commands;

/// <summary>
/// Sets the resolved config into the current process environment, where child processes inherit it.
/// Keys whose winning value already comes from the process environment are left alone.
/// </summary>
[Cmdlet(VerbsData.Import, "TfConfig", DefaultParameterSetName = LayersParameterSet, SupportsShouldProcess = true)]
[OutputType(typeof(ConfigEntry))]
public sealed class ImportTfConfigCommand : ConfigCommand
{
    /// <summary>
    /// The files win: importing production then staging must give staging's values, not keep production's. Values
    /// may still use the shell's variables ($PATH, $HOME), as docker compose's env_file does: this is the shell.
    /// </summary>
    protected override ConfigPrecedence DefaultPrecedence => ConfigPrecedence.Files;

    /// <summary>Key names to import; wildcards allowed. All keys by default.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ConfigKeyCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Write an entry (masked when secret) for each variable set.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Also set variables that change how this session finds and loads programs (PATH, LD_PRELOAD, HOME, GIT_SSH_COMMAND, DOTNET_STARTUP_HOOKS, ...), which are otherwise left alone with a warning.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var resolution = ResolveConfig();
        var patterns = (Name ?? new[] { "*" }).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        foreach (var value in resolution.Values.Where(v => patterns.Any(p => p.IsMatch(v.Name))))
        {
            if (value.Source.IsProcessEnvironment)
            {
                WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.ImportConfigAlreadySet, value.Name, Precedence));
                continue;
            }

            // An env file comes from whoever wrote the app: it does not get to choose this session's programs.
            if (!Force && SessionControlVariables.Contains(value.Name))
            {
                WriteWarning(string.Format(CultureInfo.CurrentCulture, Strings.ImportConfigSessionVariableSkipped, value.Name, value.Source));
                continue;
            }

            if (!ShouldProcess(string.Format(CultureInfo.CurrentCulture, Strings.ImportConfigShouldProcessTarget, value.Name, value.Source), Strings.ImportConfigAction))
            {
                continue;
            }

            System.Environment.SetEnvironmentVariable(value.Name, value.Value);
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.ImportConfigSetVariable, value.Name, value.Source));
            if (PassThru)
            {
                WriteObject(ConfigEntryFactory.Create(value, ResolvedEnvironment, asPlainText: false));
            }
        }
    }
}

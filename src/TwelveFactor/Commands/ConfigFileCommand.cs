using System;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Config;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>
/// The parameters shared by the cmdlets that edit one env file (Set, Remove): the environment's own file in the
/// current location, or the file given with -Path.
/// </summary>
public abstract class ConfigFileCommand : TfCmdlet
{
    /// <summary>The environment whose file to edit (.env.&lt;environment&gt;); defaults to $env:TF_ENVIRONMENT, else .env.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    /// <summary>The env file to edit. Taken literally: it may not exist yet.</summary>
    [Parameter]
    [Alias("LiteralPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Change the file even when it is read-only (it stays read-only).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The file this record edits.</summary>
    protected string TargetFile() =>
        Path is not null
            ? GetUnresolvedProviderPathFromPSPath(Path)
            : ConfigLayout.FileFor(AppFolder, EffectiveEnvironment(Environment));

    /// <summary>Validates a key name, writing a non-terminating error for a bad one.</summary>
    protected bool ValidateKey(string name)
    {
        try
        {
            EnvFileEditor.ValidateKey(name);
            return true;
        }
        catch (ArgumentException ex)
        {
            WriteError(ErrorRecordFactory.Create(ProblemId.ConfigKeyInvalid, ex, name));
            return false;
        }
    }
}

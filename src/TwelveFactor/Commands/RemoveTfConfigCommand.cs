using System.Linq;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Commands;

/// <summary>Removes keys from an env file, in place and losslessly.</summary>
[Cmdlet(VerbsCommon.Remove, "TfConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveTfConfigCommand : ConfigFileCommand
{
    /// <summary>The keys to remove; wildcards match keys in the file.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Key")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ConfigKeyCompleter))]
    public string[] Name { get; set; } = System.Array.Empty<string>();

    protected override void ProcessRecord()
    {
        string file = TargetFile();
        EnvDocument document;
        try
        {
            document = EnvFileReader.Read(file);
        }
        catch (ConfigFileException ex)
        {
            WriteError(ConfigFileError(ex));
            return;
        }

        foreach (string pattern in Name)
        {
            var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
            var keys = document.Entries.Select(e => e.Key).Where(k => wildcard.IsMatch(k)).Distinct().ToList();
            if (keys.Count == 0)
            {
                if (!WildcardPattern.ContainsWildcardCharacters(pattern))
                {
                    WriteError(new ErrorRecord(
                        new ItemNotFoundException($"The config key '{pattern}' is not in '{file}'. It may be set in another layer: Get-TfConfig -Name {pattern} shows its source."),
                        ErrorIds.ConfigKeyNotFound,
                        ErrorCategory.ObjectNotFound,
                        pattern));
                }

                continue;
            }

            foreach (string key in keys)
            {
                if (!ShouldProcess($"{key} in {file}", "Remove config value"))
                {
                    continue;
                }

                try
                {
                    if (EnvFileEditor.Remove(file, key, CancellationToken))
                    {
                        WriteVerbose($"Removed '{key}' from '{file}'.");
                    }
                }
                catch (ConfigFileException ex)
                {
                    WriteError(ConfigFileError(ex));
                }
            }
        }
    }
}

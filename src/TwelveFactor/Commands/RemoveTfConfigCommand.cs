using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Config;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation;
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
            document = EnvFileReader.ReadLayer(file);
        }
        catch (ConfigFileException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
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
                    WriteError(ErrorRecordFactory.Create(ProblemId.ConfigKeyNotFound, new ItemNotFoundException(string.Format(CultureInfo.CurrentCulture, Strings.RemoveConfigKeyNotInFile, pattern, file)), pattern));
                }

                continue;
            }

            foreach (string key in keys)
            {
                if (!ShouldProcess(string.Format(CultureInfo.CurrentCulture, Strings.TargetIn, key, file), Strings.RemoveConfigAction))
                {
                    continue;
                }

                try
                {
                    if (EnvFileEditor.Remove(file, key, Force, CancellationToken))
                    {
                        WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.RemoveConfigRemovedKey, key, file));
                    }
                }
                catch (ConfigFileException ex)
                {
                    WriteError(ErrorRecordFactory.From(ex));
                }
            }
        }
    }
}

using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using TwelveFactor.Core.Config;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Completers;

/// <summary>Completes config key names from the layer files of the environment already on the command line.</summary>
public sealed class ConfigKeyCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string? folder = CompletionContext.CurrentFolder();
        if (folder is null)
        {
            return Enumerable.Empty<CompletionResult>();
        }

        string? environment = fakeBoundParameters["Environment"] as string
            ?? ModuleSettings.Read(ModuleSettings.EnvironmentVariable);
        if (environment is not null && !ConfigLayout.IsValidEnvironmentName(environment))
        {
            environment = null;
        }

        var keys = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (string file in ConfigLayout.LayerFiles(folder, environment).Where(System.IO.File.Exists))
        {
            try
            {
                keys.UnionWith(EnvFileReader.Read(file).Entries.Select(e => e.Key));
            }
            catch (ConfigFileException)
            {
                // A broken file completes nothing; Test-TfConfig tells the user why.
            }
        }

        return CompletionContext.Complete(keys, wordToComplete, Strings.CompletionConfigKey);
    }
}

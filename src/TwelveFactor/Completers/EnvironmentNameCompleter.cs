using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Completers;

/// <summary>Completes environment names from the .env.&lt;environment&gt; files in the current location.</summary>
public sealed class EnvironmentNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string? folder = CompletionContext.CurrentFolder();
        if (folder is null)
        {
            return Enumerable.Empty<CompletionResult>();
        }

        return CompletionContext.Complete(ConfigLayout.DiscoverEnvironments(folder), wordToComplete, "Environment");
    }
}

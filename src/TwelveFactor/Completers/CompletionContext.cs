using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace TwelveFactor.Completers;

/// <summary>What the completers share: the current folder, wildcard prefix matching, quoting.</summary>
internal static class CompletionContext
{
    public static string? CurrentFolder()
    {
        try
        {
            return Runspace.DefaultRunspace?.SessionStateProxy.Path.CurrentFileSystemLocation.ProviderPath;
        }
        catch (PSInvalidOperationException)
        {
            return null;
        }
    }

    public static IEnumerable<CompletionResult> Complete(IEnumerable<string> candidates, string wordToComplete, string what)
    {
        string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var pattern = new WildcardPattern(word + "*", WildcardOptions.IgnoreCase);
        return candidates
            .Where(pattern.IsMatch)
            .Select(c => new CompletionResult(Quote(c), c, CompletionResultType.ParameterValue, $"{what} {c}"))
            .ToList();
    }

    private static string Quote(string value) =>
        value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`' or ';' or '(' or ')' or '{' or '}' or '@' or '#' or ',')
            ? "'" + value.Replace("'", "''") + "'"
            : value;
}

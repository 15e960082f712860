using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace TwelveFactor.Completers;

/// <summary>What the completers share: the current folder, wildcard prefix matching, quoting.</summary>
internal static class CompletionContext
{
    /// <summary>
    /// The session's current file-system location. Completion runs inside a pipeline, where the runspace's
    /// SessionStateProxy refuses to work, so this asks through a nested pipeline in the current runspace.
    /// </summary>
    public static string? CurrentFolder()
    {
        try
        {
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            ps.AddScript("$ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath");
            return ps.Invoke().FirstOrDefault()?.BaseObject as string;
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or RuntimeException)
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

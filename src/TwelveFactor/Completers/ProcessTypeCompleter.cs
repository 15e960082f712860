using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using TwelveFactor.Core.Processes;

namespace TwelveFactor.Completers;

/// <summary>Completes process type names from the Procfile given with -Path, else the current folder's Procfile.</summary>
public sealed class ProcessTypeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string? folder = CompletionContext.CurrentFolder();
        if (folder is null)
        {
            return Enumerable.Empty<CompletionResult>();
        }

        string path = fakeBoundParameters["Path"] is string given ? Path.Combine(folder, given) : Path.Combine(folder, "Procfile");
        try
        {
            return CompletionContext.Complete(Procfile.Read(path).Types.Select(t => t.Name), wordToComplete, "Process type");
        }
        catch (ProcfileException)
        {
            return Enumerable.Empty<CompletionResult>();
        }
    }
}

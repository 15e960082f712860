using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using TwelveFactor.Core;
using TwelveFactor.Core.Storage;

namespace TwelveFactor.Completers;

/// <summary>Completes release ids (newest first) of the app on the command line, else $env:TF_APP, else the current folder's name.</summary>
public sealed class ReleaseIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            string? folder = CompletionContext.CurrentFolder();
            if (folder is null)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            string app = AppName.Resolve(fakeBoundParameters["App"] as string, folder);

            using var store = fakeBoundParameters["Store"] is string setting ? ReleaseStoreLocator.FromSetting(setting, createIfMissing: false) : ReleaseStoreLocator.FromEnvironment(createIfMissing: false);
            var ids = store.ListReleaseIdsAsync(app, default).GetAwaiter().GetResult()
                .OrderByDescending(id => int.TryParse(id.AsSpan(1), out int n) ? n : 0);
            return CompletionContext.Complete(ids, wordToComplete, "Release");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Core.Releases.ReleaseException or InvalidOperationException)
        {
            return Enumerable.Empty<CompletionResult>();
        }
    }
}

using System.Collections.Generic;

namespace TwelveFactor.Core.Config;

/// <summary>What an export produced: a document, commands for the CI agent, and the keys it could not export.</summary>
public sealed class ConfigExport
{
    public ConfigExport(string text, IReadOnlyList<string> commands, IReadOnlyList<ConfigExportSkip> skipped)
    {
        Text = text;
        Commands = commands;
        Skipped = skipped;
    }

    /// <summary>The document (empty for Azure DevOps, which has only commands).</summary>
    public string Text { get; }

    /// <summary>Lines for the CI agent's standard output: <c>##vso[...]</c> or <c>::add-mask::</c>.</summary>
    public IReadOnlyList<string> Commands { get; }

    public IReadOnlyList<ConfigExportSkip> Skipped { get; }
}

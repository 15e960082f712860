using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.IO;
using System.Management.Automation;
using System.Threading;
using TwelveFactor.Core;
using TwelveFactor.Core.Config;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>
/// What every TwelveFactor cmdlet shares: the app folder (the current file-system location), the default
/// environment from TF_ENVIRONMENT, path resolution through the provider, Ctrl+C as cancellation, and the mapping
/// of Core's exceptions to error records with stable ids.
/// </summary>
public abstract class TfCmdlet : PSCmdlet
{
    private CancellationTokenSource? _cancellation;

    /// <summary>Cancelled when the user presses Ctrl+C.</summary>
    protected CancellationToken CancellationToken => (_cancellation ??= new CancellationTokenSource()).Token;

    /// <summary>The app's root: the current file-system location, so the cmdlets work where the user stands.</summary>
    protected string AppFolder => SessionState.Path.CurrentFileSystemLocation.ProviderPath;

    /// <summary>Verbose text quotes file names and values others wrote: shown neutralised, like every view.</summary>
    protected new void WriteVerbose(string text) => base.WriteVerbose(Core.ContinuousIntegration.DisplayNeutralizer.Neutralize(text));

    /// <summary>Warning text quotes file names and values others wrote: shown neutralised, like every view.</summary>
    protected new void WriteWarning(string text) => base.WriteWarning(Core.ContinuousIntegration.DisplayNeutralizer.Neutralize(text));

    /// <summary>The target quotes file names others wrote, and -WhatIf and -Verbose print it: neutralised, like every view.</summary>
    protected new bool ShouldProcess(string target, string action) => base.ShouldProcess(Core.ContinuousIntegration.DisplayNeutralizer.Neutralize(target), action);

    protected override void StopProcessing() => _cancellation?.Cancel();

    protected override void EndProcessing() => DisposeCancellation();

    /// <summary>The environment the user named, else TF_ENVIRONMENT, else none (the shared layers only).</summary>
    protected string? EffectiveEnvironment(string? environment)
    {
        string? chosen = string.IsNullOrEmpty(environment)
            ? ModuleSettings.Read(ModuleSettings.EnvironmentVariable)
            : environment;
        if (string.IsNullOrEmpty(chosen))
        {
            return null;
        }

        if (!ConfigLayout.IsValidEnvironmentName(chosen))
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(ProblemId.EnvironmentNameInvalid, new ArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.EnvironmentNameInvalid, chosen)), chosen));
        }

        return chosen;
    }

    /// <summary>
    /// Resolves -Path: a wildcard in the file name matches dotfiles too (env files are dotfiles, which PowerShell's
    /// own wildcard resolution hides), and a pattern that matches nothing is an error, as in Get-Content; a literal
    /// path that does not exist is kept so the reader reports it.
    /// </summary>
    protected List<string> ResolvePaths(IEnumerable<string> paths, bool literal)
    {
        var resolved = new List<string>();
        foreach (string path in paths)
        {
            if (literal || !WildcardPattern.ContainsWildcardCharacters(path))
            {
                resolved.Add(GetUnresolvedProviderPathFromPSPath(path));
                continue;
            }

            string full = GetUnresolvedProviderPathFromPSPath(path);
            string? folder = System.IO.Path.GetDirectoryName(full);
            string leaf = System.IO.Path.GetFileName(full);
            List<string> matches = new();
            if (folder is not null && !WildcardPattern.ContainsWildcardCharacters(folder) && Directory.Exists(folder))
            {
                var pattern = new WildcardPattern(leaf, OperatingSystem.IsWindows() ? WildcardOptions.IgnoreCase : WildcardOptions.None);
                var options = new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false, IgnoreInaccessible = true };
                matches = Directory.EnumerateFiles(folder, "*", options).Where(f => pattern.IsMatch(System.IO.Path.GetFileName(f))).OrderBy(f => f, StringComparer.Ordinal).ToList();
            }
            else
            {
                try
                {
                    matches.AddRange(GetResolvedProviderPathFromPSPath(path, out _));
                }
                catch (ItemNotFoundException)
                {
                }
            }

            if (matches.Count == 0)
            {
                WriteError(ErrorRecordFactory.Create(ProblemId.ConfigFileNotFound, new ItemNotFoundException(string.Format(CultureInfo.CurrentCulture, Strings.ConfigPathMatchedNothing, path)), path));
            }

            resolved.AddRange(matches);
        }

        return resolved;
    }

    /// <summary>
    /// Resolves config files (lowest layer first), saying which layers are read, and writes one error per file that
    /// failed; the other files still count, and the caller decides whether a failure stops it.
    /// </summary>
    protected ConfigResolution ResolveConfigFiles(IReadOnlyList<string> files, bool filesAreExplicit, Core.Config.ConfigPrecedence precedence)
    {
        foreach (string file in files)
        {
            WriteVerbose(System.IO.File.Exists(file) ? string.Format(CultureInfo.CurrentCulture, Strings.ConfigLayerReading, file) : string.Format(CultureInfo.CurrentCulture, Strings.ConfigLayerMissing, file));
        }

        var resolution = new ConfigResolver(ProcessEnvironmentVariables()).Resolve(files, filesAreExplicit, precedence);
        foreach (var failure in resolution.Failures)
        {
            WriteError(ErrorRecordFactory.From(failure));
        }

        return resolution;
    }

    /// <summary>
    /// An environment's layers in the app folder. Files only by default: a release snapshot, an admin task or a
    /// parity check describes the environment, not whatever the operator's shell has set.
    /// </summary>
    protected ConfigResolution ResolveEnvironmentLayers(string? environment, Core.Config.ConfigPrecedence precedence = Core.Config.ConfigPrecedence.FilesOnly)
    {
        RequireEnvironment(environment);
        return ResolveConfigFiles(ConfigLayout.LayerFiles(AppFolder, environment), filesAreExplicit: false, precedence);
    }

    /// <summary>
    /// Stops with EnvironmentNotFound when <paramref name="environment"/> has no file of its own (.env.&lt;name&gt; or
    /// .env.&lt;name&gt;.local) in the app folder: most often a typo (-Environment prodution), which would otherwise
    /// resolve to the shared config alone and make a release, task or export of it. An empty .env.&lt;name&gt;
    /// declares an environment with no overrides.
    /// </summary>
    protected void RequireEnvironment(string? environment)
    {
        if (string.IsNullOrEmpty(environment))
        {
            return;
        }

        string environmentFile = ConfigLayout.FileFor(AppFolder, environment);
        if (System.IO.File.Exists(environmentFile) || System.IO.File.Exists(environmentFile + ".local"))
        {
            return;
        }

        IReadOnlyList<string> known = ConfigLayout.DiscoverEnvironments(AppFolder);
        string? nearest = known.OrderBy(k => Core.Config.EditDistance.Between(k.ToLowerInvariant(), environment.ToLowerInvariant())).FirstOrDefault();
        string hint = nearest is not null && Core.Config.EditDistance.Between(nearest.ToLowerInvariant(), environment.ToLowerInvariant()) <= System.Math.Max(2, environment.Length / 3)
            ? string.Format(CultureInfo.CurrentCulture, Strings.EnvironmentNotFoundDidYouMean, nearest)
            : known.Count == 0 ? Strings.EnvironmentNotFoundNone : string.Format(CultureInfo.CurrentCulture, Strings.EnvironmentNotFoundKnown, string.Join(", ", known));
        ThrowTerminatingError(ErrorRecordFactory.Create(ProblemId.EnvironmentNotFound, new ItemNotFoundException(string.Format(CultureInfo.CurrentCulture, Strings.EnvironmentNotFound, environment, AppFolder, hint)), environment));
    }

    /// <summary>
    /// The process environment as the resolver and the checker read it, read once: a resolution asks for every key
    /// of a large file (twice each: its own value and interpolation), and one small dictionary answers that
    /// instead of a locked lookup per question.
    /// </summary>
    protected static System.Func<string, string?> ProcessEnvironmentSnapshot()
    {
        Dictionary<string, string> snapshot = ProcessEnvironmentVariables();
        return name => snapshot.GetValueOrDefault(name);
    }

    /// <summary>The process environment's variables as they are now.</summary>
    protected static Dictionary<string, string> ProcessEnvironmentVariables()
    {
        System.Collections.IDictionary variables = System.Environment.GetEnvironmentVariables();
        var snapshot = new Dictionary<string, string>(variables.Count, System.StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in variables)
        {
            snapshot[(string)variable.Key] = (string?)variable.Value ?? string.Empty;
        }

        return snapshot;
    }

    private void DisposeCancellation()
    {
        _cancellation?.Dispose();
        _cancellation = null;
    }
}

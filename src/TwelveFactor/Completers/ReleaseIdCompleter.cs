using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Releases.Stores;

namespace TwelveFactor.Completers;

/// <summary>
/// Completes release ids (newest first) of the app on the command line, else $env:TF_APP, else the current folder's
/// name. Tab must not hang: the store gets one second. A local store lists in far less; a remote one (Azure) that
/// does not answer in time is given up, and the ids it listed last time, kept in the user's cache, are offered.
/// </summary>
public sealed class ReleaseIdCompleter : IArgumentCompleter
{
    /// <summary>How long Tab waits for the store.</summary>
    internal static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string? folder = CompletionContext.CurrentFolder();
        if (folder is null)
        {
            return Enumerable.Empty<CompletionResult>();
        }

        string app = AppName.Resolve(fakeBoundParameters["App"] as string, folder);
        string? setting = fakeBoundParameters["Store"] as string ?? ModuleSettings.Read(ModuleSettings.ReleaseStoreVariable);
        if (ReleaseStoreLocator.NamesFolder(setting) && !setting!.Trim().StartsWith('~'))
        {
            // Relative to the session's location, as the command will read it (~ is left to the locator).
            setting = Path.GetFullPath(setting.Trim(), folder);
        }

        string cacheFile = CacheFile(setting, app);

        using var deadline = new CancellationTokenSource(Deadline);
        Task<(IReadOnlyList<string> Ids, bool Remote)> listing = Task.Run(() => ListAsync(setting, app, deadline.Token));
        IReadOnlyList<string> ids;
        try
        {
            if (!listing.Wait(Deadline))
            {
                deadline.Cancel();
                ids = ReadCache(cacheFile);
            }
            else
            {
                ids = listing.Result.Ids;
                if (listing.Result.Remote)
                {
                    WriteCache(cacheFile, ids);
                }
            }
        }
        catch (AggregateException)
        {
            // Unreachable, refused, no such store: the cache, if any, is still the best guess.
            ids = ReadCache(cacheFile);
        }

        return CompletionContext.Complete(ids.OrderByDescending(id => int.TryParse(id.AsSpan(1), out int n) ? n : 0), wordToComplete, "Release");
    }

    private static async Task<(IReadOnlyList<string>, bool)> ListAsync(string? setting, string app, CancellationToken cancellationToken)
    {
        using IReleaseStore store = setting is null ? ReleaseStoreLocator.FromEnvironment(createIfMissing: false) : ReleaseStoreLocator.FromSetting(setting, createIfMissing: false);
        IReadOnlyList<string> ids = await store.ListReleaseIdsAsync(app, cancellationToken).ConfigureAwait(false);
        return (ids, store.LocalRoot is null);
    }

    // One small file per (store, app) under the XDG cache folder: ids only, which name nothing secret.
    private static string CacheFile(string? setting, string app)
    {
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes((setting ?? string.Empty) + "\n" + app)))[..16].ToLowerInvariant();
        return Path.Combine(ModuleSettings.CacheFolder, "completion", key + ".ids");
    }

    private static IReadOnlyList<string> ReadCache(string file)
    {
        try
        {
            // The cache is only a hint: anything that is not a release id is ignored.
            return File.Exists(file) ? File.ReadLines(file).Take(100_000).Where(ReleaseNames.IsValidId).ToList() : Array.Empty<string>();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    private static void WriteCache(string file, IReadOnlyList<string> ids)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            AtomicFile.WriteAllBytes(file, Encoding.UTF8.GetBytes(string.Join('\n', ids) + "\n"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written costs the next Tab its hint, nothing more.
        }
    }
}

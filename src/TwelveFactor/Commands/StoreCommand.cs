using System;
using System.Globalization;
using System.Management.Automation;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Releases.Stores;
using TwelveFactor.Resources;

namespace TwelveFactor.Commands;

/// <summary>
/// What every cmdlet that reads or writes the release store shares: -App and -Store, declared here once, and the
/// store itself, opened once per command (reopened only when a piped object names another store) and closed when
/// the command ends, however it ends.
/// </summary>
public abstract class StoreCommand : TfCmdlet, IDisposable
{
    private IReleaseStore? _store;
    private string? _storeSetting;

    /// <summary>The app whose releases to use; defaults to $env:TF_APP, else the current folder's name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? App { get; set; }

    /// <summary>The release store: a folder path, file:// URL or Azure Blob URL; defaults to $env:TF_RELEASE_STORE, else the local default store. Bound from a piped release's Store, so a pipe stays in one store.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Store { get; set; }

    /// <summary>The location of the store in use, for the objects this cmdlet writes.</summary>
    protected string? StoreLocation => _store?.DisplayLocation;

    /// <summary>The app name in effect: -App, else $env:TF_APP, else the current folder's name.</summary>
    protected string EffectiveApp() => AppName.Resolve(App, AppFolder);

    /// <summary>
    /// The store named by -Store (else the setting, else the default). <paramref name="createIfMissing"/>: only
    /// commands that write create it; a reading command given a store that does not exist gets StoreNotFound.
    /// Throws <see cref="ReleaseException"/> for an unusable setting; the caller decides whether that terminates.
    /// </summary>
    protected IReleaseStore OpenStore(bool createIfMissing)
    {
        // Piped releases may come from another store than the one opened for the last record.
        if (_store is not null && !string.Equals(_storeSetting, Store, StringComparison.Ordinal))
        {
            _store.Dispose();
            _store = null;
        }

        if (_store is null)
        {
            _storeSetting = Store;
            // A folder is resolved as PowerShell resolves paths: from the current location (not the process's
            // current directory, which Set-Location does not move), with ~ and drives as PowerShell reads them.
            // A full path needs no location (and the provider's resolution is engine code a session's first command
            // compiles: about 10 ms).
            string? setting = Store ?? ModuleSettings.Read(ModuleSettings.ReleaseStoreVariable);
            _store = ReleaseStoreLocator.FromSetting(
                ReleaseStoreLocator.NamesFolder(setting) && !System.IO.Path.IsPathFullyQualified(setting!.Trim()) ? GetUnresolvedProviderPathFromPSPath(setting.Trim()) : setting,
                createIfMissing);
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.ReleaseUsingStore, _store.DisplayLocation, EffectiveApp()));
        }

        return _store;
    }

    /// <summary>Closes the store (PowerShell calls this after EndProcessing, and also when the pipeline stops or fails).</summary>
    public void Dispose()
    {
        _store?.Dispose();
        _store = null;
        GC.SuppressFinalize(this);
    }
}

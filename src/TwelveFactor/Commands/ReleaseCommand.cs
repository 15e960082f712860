using System;
using System.Collections.Concurrent;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using TwelveFactor.Core;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Storage;

namespace TwelveFactor.Commands;

/// <summary>
/// What the release cmdlets share: which app (-App, else $env:TF_APP, else the current folder's name), which
/// store (-Store, else $env:TF_RELEASE_STORE, else the documented local default), running Core's async work on
/// the pipeline thread while showing its progress, and the mapping of release errors to stable ids.
/// </summary>
public abstract class ReleaseCommand : TfCmdlet
{
    private IReleaseStore? _store;

    /// <summary>The app whose releases to use; defaults to $env:TF_APP, else the current folder's name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? App { get; set; }

    /// <summary>The release store: a folder path, file:// URL or Azure Blob URL; defaults to $env:TF_RELEASE_STORE, else the local default store.</summary>
    [Parameter]
    public string? Store { get; set; }

    /// <summary>The app name in effect.</summary>
    protected string EffectiveApp() =>
        !string.IsNullOrEmpty(App) ? App
        : System.Environment.GetEnvironmentVariable(ModuleSettings.AppVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : new DirectoryInfo(AppFolder).Name;

    /// <summary>Opens the store and a release service over it; terminating error when the store setting is unusable.</summary>
    protected ReleaseService OpenService()
    {
        try
        {
            _store ??= Store is null ? ReleaseStoreLocator.FromEnvironment() : ReleaseStoreLocator.FromSetting(Store);
            WriteVerbose($"Using the release store '{_store.DisplayLocation}' for app '{EffectiveApp()}'.");
            return new ReleaseService(_store, ReleaseServiceOptions.FromEnvironment());
        }
        catch (ReleaseException ex)
        {
            ThrowTerminatingError(ReleaseError(ex));
            throw;
        }
    }

    protected override void EndProcessing()
    {
        _store?.Dispose();
        _store = null;
        base.EndProcessing();
    }

    /// <summary>Runs Core's async work, writing its progress from this (the pipeline) thread, and returns its result.</summary>
    protected T RunWithProgress<T>(string activity, Func<IProgress<ReleaseProgress>, Task<T>> work)
    {
        var queue = new BlockingCollection<ReleaseProgress>();
        var progress = new QueueProgress(queue);
        Task<T> task = work(progress);
        _ = task.ContinueWith(_ => queue.CompleteAdding(), TaskScheduler.Default);
        var record = new ProgressRecord(2, activity, "Starting");
        foreach (var update in queue.GetConsumingEnumerable())
        {
            record.StatusDescription = $"{update.Operation}: {update.ItemsDone}/{update.ItemsTotal} files, {update.BytesDone / 1048576.0:0.0}/{update.BytesTotal / 1048576.0:0.0} MB";
            record.CurrentOperation = update.CurrentItem ?? string.Empty;
            record.PercentComplete = Math.Clamp(update.PercentComplete, 0, 100);
            WriteProgress(record);
        }

        record.RecordType = ProgressRecordType.Completed;
        WriteProgress(record);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>An error record for a release problem, with the stable id and category for its kind.</summary>
    protected static ErrorRecord ReleaseError(ReleaseException ex) => ReleaseCommandErrors.From(ex);

    private sealed class QueueProgress : IProgress<ReleaseProgress>
    {
        private readonly BlockingCollection<ReleaseProgress> _queue;

        public QueueProgress(BlockingCollection<ReleaseProgress> queue) => _queue = queue;

        public void Report(ReleaseProgress value)
        {
            if (!_queue.IsAddingCompleted)
            {
                try
                {
                    _queue.Add(value);
                }
                catch (InvalidOperationException)
                {
                    // The work finished between the check and the add; the last update does not matter then.
                }
            }
        }
    }
}

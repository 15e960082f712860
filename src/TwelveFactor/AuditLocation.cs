using TwelveFactor.Core.Processes;
using TwelveFactor.Core.Storage;

namespace TwelveFactor;

/// <summary>
/// Where the admin task audit trail lives: with the releases, in the release store the task used (a file
/// beside a local store's releases; the store itself when it is Azure Blob Storage, so every agent sharing the
/// releases shares the trail).
/// </summary>
internal static class AuditLocation
{
    /// <summary>Opens the store named by <paramref name="store"/> (or $env:TF_RELEASE_STORE); dispose it after using the log.</summary>
    public static AdminTaskAuditLog Open(string? store, out IReleaseStore releaseStore, bool createIfMissing = true)
    {
        releaseStore = store is null ? ReleaseStoreLocator.FromEnvironment(createIfMissing) : ReleaseStoreLocator.FromSetting(store, createIfMissing);
        return AdminTaskAuditLog.ForStore(releaseStore);
    }
}

using System.IO;
using TwelveFactor.Core.Storage;

namespace TwelveFactor;

/// <summary>
/// Where the admin task audit trail lives: beside the releases in a local store, so the trail travels with them;
/// in the local default store when the release store is remote (the audit log is an append-only local file).
/// </summary>
internal static class AuditLocation
{
    public static string Directory(string? store)
    {
        using var releaseStore = store is null ? ReleaseStoreLocator.FromEnvironment() : ReleaseStoreLocator.FromSetting(store);
        return Path.Combine(releaseStore.LocalRoot ?? LocalReleaseStore.DefaultRoot, "audit");
    }
}

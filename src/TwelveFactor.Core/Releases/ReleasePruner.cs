using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Releases.Stores;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// Removes releases (the oldest past a count, or named ones), never the newest or one a destination still runs unless
/// forced, deletes their laid-out folders, and frees the stored content nothing refers to any more, under the store's
/// exclusive lock.
/// </summary>
public sealed class ReleasePruner
{
    private readonly ReleaseService _releases;
    private readonly IReleaseStore _store;

    /// <summary>A pruner of <paramref name="releases"/>' store.</summary>
    public ReleasePruner(ReleaseService releases)
    {
        _releases = releases ?? throw new ArgumentNullException(nameof(releases));
        _store = releases.Store;
    }

    /// <summary>
    /// Removes all but the newest <paramref name="keepLast"/> releases, never one that is published at a
    /// recorded destination, asking <paramref name="shouldProcess"/> (target, action) before each; then frees
    /// storage nothing refers to any more.
    /// </summary>
    public async Task<PruneResult> PruneAsync(string app, int keepLast, Func<string, string, bool>? shouldProcess = null, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ReleaseNames.ThrowIfInvalidApp(app);

        // The newest release always stays, so its id stays taken and ids are never reused.
        ArgumentOutOfRangeException.ThrowIfLessThan(keepLast, 1);
        IReadOnlyList<PublishRecord> records = await _releases.GetPublishedAsync(app, cancellationToken).ConfigureAwait(false);
        var published = records.Where(IsStillPublished).Select(r => r.ReleaseId).ToHashSet(StringComparer.Ordinal);
        var removed = new List<string>();
        var keptPublished = new List<string>();
        var skipped = new List<string>();
        IReadOnlyList<string> sorted = await _releases.SortedIdsAsync(app, cancellationToken).ConfigureAwait(false);
        RemovedReferences seen = await PlanReferenceReadingAsync(app, Math.Max(0, sorted.Count - keepLast), sorted.Count, cancellationToken).ConfigureAwait(false);
        foreach (string id in sorted.Skip(keepLast))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (published.Contains(id))
            {
                keptPublished.Add(id);
            }
            else if (shouldProcess is not null && !shouldProcess(app + " " + id, CoreReleaseStrings.RemoveReleaseAction))
            {
                skipped.Add(id);
            }
            else
            {
                await seen.ReadAsync(_store, id, cancellationToken).ConfigureAwait(false);
                await _store.DeleteManifestAsync(app, id, cancellationToken).ConfigureAwait(false);
                removed.Add(id);
            }
        }

        GarbageCollectionResult? collected = removed.Count > 0 ? await CollectGarbageAsync(seen, progress, cancellationToken).ConfigureAwait(false) : null;
        return new PruneResult(removed, keptPublished, skipped, collected) { FoldersRemoved = RemoveLaidOutFolders(records, removed) };
    }

    /// <summary>
    /// True while the destination's <c>current</c> still points at the record's release. A local store lives on
    /// the machine it publishes to, so a destination that is gone or switched elsewhere no longer holds the
    /// release; a shared store's records may name other machines' folders, so they are trusted as recorded.
    /// </summary>
    private bool IsStillPublished(PublishRecord record)
    {
        if (_store.LocalRoot is null)
        {
            return true;
        }

        try
        {
            return string.Equals(ReleasePublisher.ReadCurrent(record.Destination), record.ReleaseId, StringComparison.Ordinal);
        }
        catch (ReleaseException)
        {
            return true; // 'current' is something else than a link: not ours to judge
        }
    }

    // A removed release's laid-out folder goes from every destination it was published to on this machine, never
    // the one 'current' points at, and never through a symlinked 'releases' folder.
    private IReadOnlyList<string> RemoveLaidOutFolders(IReadOnlyList<PublishRecord> records, IReadOnlyCollection<string> removed)
    {
        var folders = new List<string>();
        if (removed.Count == 0)
        {
            return folders;
        }

        foreach (string destination in records.Select(r => r.Destination).Distinct(StringComparer.Ordinal))
        {
            string releases = Path.Combine(destination, "releases");
            if (Foundation.IO.UnixFileOwner.KindOf(releases) != Foundation.IO.UnixFileOwner.EntryKind.Directory)
            {
                continue;
            }

            string? current;
            try
            {
                current = ReleasePublisher.ReadCurrent(destination);
            }
            catch (ReleaseException)
            {
                continue;
            }

            foreach (string id in removed)
            {
                string folder = Path.Combine(releases, id);
                if (string.Equals(id, current, StringComparison.Ordinal) || Foundation.IO.UnixFileOwner.KindOf(folder) != Foundation.IO.UnixFileOwner.EntryKind.Directory)
                {
                    continue;
                }

                ReleasePublisher.RemoveWorkingCopy(folder);
                if (!Directory.Exists(folder))
                {
                    folders.Add(folder);
                }
            }
        }

        return folders;
    }

    /// <summary>
    /// Removes the named releases, asking <paramref name="shouldProcess"/> (target, action) before each, then frees
    /// storage nothing refers to any more. Throws ReleaseNotFound for an unknown id and ReleaseInUse for one that
    /// is published at a recorded destination or is the newest (so its id is never reused); nothing is removed then.
    /// </summary>
    public Task<PruneResult> RemoveAsync(string app, IReadOnlyCollection<string> ids, Func<string, string, bool>? shouldProcess = null, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RemoveAsync(app, ids, force: false, shouldProcess, progress, cancellationToken);

    /// <summary>
    /// As <see cref="RemoveAsync(string, IReadOnlyCollection{string}, Func{string, string, bool}?, IProgress{ReleaseProgress}?, CancellationToken)"/>;
    /// with <paramref name="force"/> a release still published is removed too (its laid-out folder where it is
    /// current stays, so the running app keeps its files). The newest release is never removed.
    /// </summary>
    public async Task<PruneResult> RemoveAsync(string app, IReadOnlyCollection<string> ids, bool force, Func<string, string, bool>? shouldProcess = null, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ReleaseNames.ThrowIfInvalidApp(app);
        ArgumentNullException.ThrowIfNull(ids);
        IReadOnlyList<string> existing = await _releases.SortedIdsAsync(app, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<PublishRecord> records = await _releases.GetPublishedAsync(app, cancellationToken).ConfigureAwait(false);
        var published = records.Where(r => !force && IsStillPublished(r)).GroupBy(r => r.ReleaseId).ToDictionary(g => g.Key, g => g.First().Destination, StringComparer.Ordinal);
        foreach (string id in ids)
        {
            ReleaseNames.ThrowIfInvalidId(id);
            if (!existing.Contains(id, StringComparer.Ordinal))
            {
                throw ReleaseService.NotFound(app, id);
            }

            if (published.TryGetValue(id, out string? destination))
            {
                throw new ReleaseException(ProblemId.ReleaseInUse, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ReleasePublishedNotRemoved, id, app, destination), id);
            }

            if (string.Equals(id, existing[0], StringComparison.Ordinal))
            {
                throw new ReleaseException(ProblemId.ReleaseInUse, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ReleaseNewestNotRemoved, id, app), id);
            }
        }

        var removed = new List<string>();
        var skipped = new List<string>();
        RemovedReferences seen = await PlanReferenceReadingAsync(app, ids.Distinct(StringComparer.Ordinal).Count(), existing.Count, cancellationToken).ConfigureAwait(false);
        foreach (string id in ids.Distinct(StringComparer.Ordinal).OrderByDescending(ReleaseNames.Number))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (shouldProcess is not null && !shouldProcess(app + " " + id, CoreReleaseStrings.RemoveReleaseAction))
            {
                skipped.Add(id);
                continue;
            }

            await seen.ReadAsync(_store, id, cancellationToken).ConfigureAwait(false);
            await _store.DeleteManifestAsync(app, id, cancellationToken).ConfigureAwait(false);
            removed.Add(id);
        }

        GarbageCollectionResult? collected = removed.Count > 0 ? await CollectGarbageAsync(seen, progress, cancellationToken).ConfigureAwait(false) : null;
        return new PruneResult(removed, Array.Empty<string>(), skipped, collected) { FoldersRemoved = RemoveLaidOutFolders(records, removed) };
    }

    // Reading each removed release's manifest pays only when the app's counts match its manifests and at most half
    // as many releases go as stay (each one read before its delete costs about twice a read in the recount);
    // otherwise the collection counts the releases that stay.
    private async Task<RemovedReferences> PlanReferenceReadingAsync(string app, int removing, int existing, CancellationToken cancellationToken)
    {
        IReadOnlyList<KeyValuePair<string, string>> stamps = await _store.ListReleaseStampsAsync(app, cancellationToken).ConfigureAwait(false);
        bool worthIt = removing * 2 <= existing - removing;
        if (worthIt)
        {
            BlobReferenceCounts? counts = BlobReferenceCounts.Parse(await _store.ReadBlobReferencesAsync(app, BlobReferenceCounts.MaxBytes, cancellationToken).ConfigureAwait(false));
            var current = stamps.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
            worthIt = counts is not null && counts.Releases.All(r => current.TryGetValue(r.Key, out string? stamp) && string.Equals(stamp, r.Value, StringComparison.Ordinal));
        }

        return new RemovedReferences(app, stamps, worthIt);
    }

    /// <summary>
    /// Deletes blobs no release of any app refers to, and temp files of interrupted writers. Runs under the
    /// store's exclusive lock, so no release being created can lose content it has just stored.
    /// </summary>
    public Task<GarbageCollectionResult> CollectGarbageAsync(IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default) =>
        CollectGarbageAsync(null, progress, cancellationToken);

    // What refers to what comes from each app's reference counts (BlobReferenceCounts) where they still match its
    // manifests, brought up to date with releases added since and with the releases just removed (whose references
    // were read before their manifests went): then only the blobs those releases alone referred to are candidates,
    // and the cost follows what is removed, not what stays. Where the counts do not match, every manifest of the app
    // is read and every blob of the store swept, as before the counts were kept.
    private async Task<GarbageCollectionResult> CollectGarbageAsync(RemovedReferences? removedNow, IProgress<ReleaseProgress>? progress, CancellationToken cancellationToken)
    {
        await using IAsyncDisposable storeLock = await _store.AcquireLockAsync(exclusive: true, cancellationToken).ConfigureAwait(false);
        var counted = new List<(string App, BlobReferenceCounts Counts)>();
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        bool sweepAll = false;
        foreach (string app in await _store.ListAppsAsync(cancellationToken).ConfigureAwait(false))
        {
            var stamps = (await _store.ListReleaseStampsAsync(app, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
            BlobReferenceCounts? counts = BlobReferenceCounts.Parse(await _store.ReadBlobReferencesAsync(app, BlobReferenceCounts.MaxBytes, cancellationToken).ConfigureAwait(false));
            var appCandidates = new HashSet<string>(StringComparer.Ordinal);
            if (counts is null || !await TryBringUpToDateAsync(app, counts, stamps, removedNow, appCandidates, cancellationToken).ConfigureAwait(false))
            {
                counts = new BlobReferenceCounts();
                foreach (var (id, stamp) in stamps)
                {
                    counts.Add(id, stamp, await ReadReferencesAsync(app, id, cancellationToken).ConfigureAwait(false));
                }

                sweepAll = true;
            }

            candidates.UnionWith(appCandidates);
            counted.Add((app, counts));
        }

        int removed = 0;
        int kept = 0;
        long freed = 0;
        var unreferenced = new List<string>();
        if (sweepAll)
        {
            await foreach (string sha in _store.ListBlobsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (counted.Any(c => c.Counts.Refers(sha)))
                {
                    kept++;
                }
                else
                {
                    unreferenced.Add(sha);
                }
            }
        }
        else
        {
            unreferenced.AddRange(candidates.Where(sha => !counted.Any(c => c.Counts.Refers(sha))).Order(StringComparer.Ordinal));
            kept = counted.SelectMany(c => c.Counts.Blobs).Distinct(StringComparer.Ordinal).Count();
        }

        var reporter = new ProgressReporter(progress, ReleaseOperation.Pruning);
        reporter.SetTotals(unreferenced.Count, 0);
        foreach (string sha in unreferenced)
        {
            freed += await _store.DeleteBlobAsync(sha, cancellationToken).ConfigureAwait(false);
            removed++;
            reporter.Advance(0, sha);
        }

        reporter.Complete();

        // Written only now: a crash before this leaves counts that no longer match the manifests, so the next
        // collection counts again rather than trust them.
        foreach (var (app, counts) in counted)
        {
            if (counts.Serialize() is { } bytes)
            {
                await _store.WriteBlobReferencesAsync(app, bytes, cancellationToken).ConfigureAwait(false);
            }
        }

        int temporary = await _store.DeleteTemporaryFilesAsync(cancellationToken).ConfigureAwait(false);
        return new GarbageCollectionResult(removed, freed, kept, temporary);
    }

    // False when the counts cannot be brought to match the manifests: a counted release whose stamp moved, or one
    // gone whose references were not read before it went.
    private async Task<bool> TryBringUpToDateAsync(
        string app, BlobReferenceCounts counts, Dictionary<string, string> stamps, RemovedReferences? removedNow, HashSet<string> unreferenced, CancellationToken cancellationToken)
    {
        foreach (var (id, stamp) in counts.Releases.ToList())
        {
            if (stamps.TryGetValue(id, out string? current))
            {
                if (!string.Equals(current, stamp, StringComparison.Ordinal))
                {
                    return false;
                }
            }
            else if (removedNow?.Find(app, id, stamp) is not { } references || !counts.TryRemove(id, references, unreferenced))
            {
                return false;
            }
        }

        foreach (var (id, stamp) in stamps)
        {
            if (!counts.Releases.ContainsKey(id))
            {
                counts.Add(id, stamp, await ReadReferencesAsync(app, id, cancellationToken).ConfigureAwait(false));
            }
        }

        return true;
    }

    private async Task<HashSet<string>> ReadReferencesAsync(string app, string id, CancellationToken cancellationToken)
    {
        byte[] bytes = await _store.ReadManifestAsync(app, id, cancellationToken).ConfigureAwait(false) ?? Array.Empty<byte>();
        try
        {
            return ManifestCodec.BlobReferences(bytes);
        }
        catch (InvalidDataException ex)
        {
            // Never delete content on partial knowledge of what refers to it.
            throw new ReleaseException(ProblemId.StoreVerificationFailed, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ManifestUnreadable, app, id), id, ex);
        }
    }
}

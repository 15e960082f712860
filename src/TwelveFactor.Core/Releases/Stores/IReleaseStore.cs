using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases.Stores;

/// <summary>
/// Where releases live: content-addressed blobs, one immutable manifest per release, and the record of what is
/// published where. Backends only move bytes; the release logic (ids, digests, verification) lives in
/// <see cref="Releases.ReleaseService"/> so every backend behaves the same.
/// </summary>
public interface IReleaseStore : IDisposable
{
    /// <summary>The store's location as it may be shown: never contains credentials.</summary>
    string DisplayLocation { get; }

    /// <summary>The root folder of a store on the local file system; null for remote stores.</summary>
    string? LocalRoot { get; }

    /// <summary>The store-wide random salt used to hash secret values for comparison, created on first use.</summary>
    Task<byte[]> GetSaltAsync(CancellationToken cancellationToken);

    /// <summary>True when a blob with this SHA-256 (lower-case hex) is stored.</summary>
    Task<bool> BlobExistsAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>
    /// Stores bytes already in memory whose SHA-256 the caller computed. Returns false when the blob was
    /// already stored (nothing written).
    /// </summary>
    Task<bool> PutBlobAsync(string sha256, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>
    /// Streams content into the store, hashing it on the way. When <paramref name="expectedSha256"/> is given
    /// and the bytes hash differently, nothing is stored and <see cref="Releases.ReleaseException"/>
    /// (<see cref="Releases.ProblemId.BuildChangedDuringRelease"/>) is thrown.
    /// </summary>
    Task<BlobWriteResult> PutBlobAsync(Stream content, string? expectedSha256, CancellationToken cancellationToken);

    /// <summary>
    /// Makes every blob written so far durable. Called once before a manifest is committed, so a crash never
    /// leaves a committed release whose blobs were lost.
    /// </summary>
    Task FlushBlobsAsync(CancellationToken cancellationToken);

    /// <summary>Opens a stored blob for reading.</summary>
    Task<Stream> OpenBlobAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>The local path of a blob, so publishing can hard-link it; null for remote stores.</summary>
    string? GetBlobPath(string sha256);

    /// <summary>Every stored blob's SHA-256.</summary>
    IAsyncEnumerable<string> ListBlobsAsync(CancellationToken cancellationToken);

    /// <summary>Removes a blob; returns the bytes freed (0 when it was already gone).</summary>
    Task<long> DeleteBlobAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>The names of the apps that have releases.</summary>
    Task<IReadOnlyList<string>> ListAppsAsync(CancellationToken cancellationToken);

    /// <summary>The ids of an app's committed releases, in no particular order.</summary>
    Task<IReadOnlyList<string>> ListReleaseIdsAsync(string app, CancellationToken cancellationToken);

    /// <summary>
    /// Each committed release's id with a stamp that changes whenever its manifest is written, replaced or touched (a
    /// file's inode, size, modification and change times; a blob's ETag), in no particular order. Listing costs what
    /// <see cref="ListReleaseIdsAsync"/> costs: no manifest is read.
    /// </summary>
    Task<IReadOnlyList<KeyValuePair<string, string>>> ListReleaseStampsAsync(string app, CancellationToken cancellationToken);

    /// <summary>
    /// The app's release index (a cache of release records beside the manifests, see <see cref="Releases.ReleaseIndex"/>),
    /// or null when there is none or it is larger than <paramref name="maxBytes"/>.
    /// </summary>
    Task<byte[]?> ReadReleaseIndexAsync(string app, int maxBytes, CancellationToken cancellationToken);

    /// <summary>Replaces the app's release index whole (readers see the old one or the new one, never a mix).</summary>
    Task WriteReleaseIndexAsync(string app, ReadOnlyMemory<byte> index, CancellationToken cancellationToken);

    /// <summary>
    /// The app's blob reference counts (a cache beside the manifests, see <see cref="Releases.BlobReferenceCounts"/>),
    /// or null when there are none or they are larger than <paramref name="maxBytes"/>.
    /// </summary>
    Task<byte[]?> ReadBlobReferencesAsync(string app, int maxBytes, CancellationToken cancellationToken);

    /// <summary>Replaces the app's blob reference counts whole.</summary>
    Task WriteBlobReferencesAsync(string app, ReadOnlyMemory<byte> counts, CancellationToken cancellationToken);

    /// <summary>A committed manifest's bytes, or null when there is no such release.</summary>
    Task<byte[]?> ReadManifestAsync(string app, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Answers <paramref name="test"/> over a committed manifest's bytes, or null when there is no such release.
    /// The bytes are lent for the call only, so a store may read them into a pooled buffer: a release's check of the
    /// latest manifest then costs no large array of its own (see <see cref="LocalReleaseStore"/>).
    /// </summary>
    async Task<bool?> TestManifestAsync(string app, string id, ManifestTest test, CancellationToken cancellationToken) =>
        await ReadManifestAsync(app, id, cancellationToken).ConfigureAwait(false) is { } bytes ? test(bytes) : null;

    /// <summary>
    /// The one atomic commit step of a release: stores the manifest under its id only if that id is free.
    /// Returns false, storing nothing, when another writer took the id first. With <paramref name="flushBlobs"/>,
    /// every blob written so far is made durable before the commit, as <see cref="FlushBlobsAsync"/> does, in
    /// the same flush as the manifest itself.
    /// </summary>
    Task<bool> TryCommitManifestAsync(string app, string id, ReadOnlyMemory<byte> manifest, bool flushBlobs, CancellationToken cancellationToken);

    /// <summary>Removes a committed release's manifest.</summary>
    Task DeleteManifestAsync(string app, string id, CancellationToken cancellationToken);

    /// <summary>Replaces (atomically) the record of what is published at one destination.</summary>
    Task WritePublishRecordAsync(string app, string destinationKey, ReadOnlyMemory<byte> record, CancellationToken cancellationToken);

    /// <summary>Every publish record of an app.</summary>
    Task<IReadOnlyList<byte[]>> ReadPublishRecordsAsync(string app, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the store lock: shared for writers of releases, exclusive for garbage collection, so collection
    /// never deletes a blob that a release being created relies on. Dispose the result to release it.
    /// </summary>
    Task<IAsyncDisposable> AcquireLockAsync(bool exclusive, CancellationToken cancellationToken);

    /// <summary>Removes temp files that interrupted writers left behind; called only under the exclusive lock.</summary>
    Task<int> DeleteTemporaryFilesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Appends one line (a JSON record without its line break) to the store's admin task audit trail, whole:
    /// lines from concurrent writers never interleave. The trail is append-only; nothing rewrites a line.
    /// </summary>
    Task AppendAuditLineAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken);

    /// <summary>Every line of the admin task audit trail, oldest first; empty when there is none yet.</summary>
    Task<IReadOnlyList<byte[]>> ReadAuditLinesAsync(CancellationToken cancellationToken);
}

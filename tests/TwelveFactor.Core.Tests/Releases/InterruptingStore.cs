using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases.Stores;

namespace TwelveFactor.Core.Tests.Releases;

/// <summary>
/// A store that cancels the operation using it after a number of blob writes: a Ctrl+C mid-release. It also counts
/// the manifests read through it, for the tests of what a listing reads.
/// </summary>
internal sealed class InterruptingStore : IReleaseStore
{
    private readonly IReleaseStore _inner;
    private readonly CancellationTokenSource _cancel;
    private readonly int _blobsBeforeCancel;
    private int _blobs;

    internal InterruptingStore(IReleaseStore inner, CancellationTokenSource cancel, int blobsBeforeCancel)
    {
        _inner = inner;
        _cancel = cancel;
        _blobsBeforeCancel = blobsBeforeCancel;
    }

    internal int BlobsWritten => _blobs;

    internal int ManifestsRead { get; set; }

    public string DisplayLocation => _inner.DisplayLocation;

    public string? LocalRoot => _inner.LocalRoot;

    public Task<byte[]> GetSaltAsync(CancellationToken cancellationToken) => _inner.GetSaltAsync(cancellationToken);

    public Task<bool> BlobExistsAsync(string sha256, CancellationToken cancellationToken) => _inner.BlobExistsAsync(sha256, cancellationToken);

    public async Task<bool> PutBlobAsync(string sha256, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        bool stored = await _inner.PutBlobAsync(sha256, content, cancellationToken);
        Count();
        return stored;
    }

    public async Task<BlobWriteResult> PutBlobAsync(Stream content, string? expectedSha256, CancellationToken cancellationToken)
    {
        BlobWriteResult result = await _inner.PutBlobAsync(content, expectedSha256, cancellationToken);
        Count();
        return result;
    }

    public Task FlushBlobsAsync(CancellationToken cancellationToken) => _inner.FlushBlobsAsync(cancellationToken);

    public Task<Stream> OpenBlobAsync(string sha256, CancellationToken cancellationToken) => _inner.OpenBlobAsync(sha256, cancellationToken);

    public string? GetBlobPath(string sha256) => _inner.GetBlobPath(sha256);

    public IAsyncEnumerable<string> ListBlobsAsync(CancellationToken cancellationToken) => _inner.ListBlobsAsync(cancellationToken);

    public Task<long> DeleteBlobAsync(string sha256, CancellationToken cancellationToken) => _inner.DeleteBlobAsync(sha256, cancellationToken);

    public Task<IReadOnlyList<string>> ListAppsAsync(CancellationToken cancellationToken) => _inner.ListAppsAsync(cancellationToken);

    public Task<IReadOnlyList<string>> ListReleaseIdsAsync(string app, CancellationToken cancellationToken) => _inner.ListReleaseIdsAsync(app, cancellationToken);

    public Task<IReadOnlyList<KeyValuePair<string, string>>> ListReleaseStampsAsync(string app, CancellationToken cancellationToken) => _inner.ListReleaseStampsAsync(app, cancellationToken);

    public Task<byte[]?> ReadReleaseIndexAsync(string app, int maxBytes, CancellationToken cancellationToken) => _inner.ReadReleaseIndexAsync(app, maxBytes, cancellationToken);

    public Task WriteReleaseIndexAsync(string app, ReadOnlyMemory<byte> index, CancellationToken cancellationToken) => _inner.WriteReleaseIndexAsync(app, index, cancellationToken);

    public Task<byte[]?> ReadBlobReferencesAsync(string app, int maxBytes, CancellationToken cancellationToken) => _inner.ReadBlobReferencesAsync(app, maxBytes, cancellationToken);

    public Task WriteBlobReferencesAsync(string app, ReadOnlyMemory<byte> counts, CancellationToken cancellationToken) => _inner.WriteBlobReferencesAsync(app, counts, cancellationToken);

    public Task<byte[]?> ReadManifestAsync(string app, string id, CancellationToken cancellationToken)
    {
        ManifestsRead++;
        return _inner.ReadManifestAsync(app, id, cancellationToken);
    }

    public Task<bool> TryCommitManifestAsync(string app, string id, ReadOnlyMemory<byte> manifest, bool flushBlobs, CancellationToken cancellationToken) =>
        _inner.TryCommitManifestAsync(app, id, manifest, flushBlobs, cancellationToken);

    public Task DeleteManifestAsync(string app, string id, CancellationToken cancellationToken) => _inner.DeleteManifestAsync(app, id, cancellationToken);

    public Task WritePublishRecordAsync(string app, string destinationKey, ReadOnlyMemory<byte> record, CancellationToken cancellationToken) =>
        _inner.WritePublishRecordAsync(app, destinationKey, record, cancellationToken);

    public Task<IReadOnlyList<byte[]>> ReadPublishRecordsAsync(string app, CancellationToken cancellationToken) => _inner.ReadPublishRecordsAsync(app, cancellationToken);

    public Task<IAsyncDisposable> AcquireLockAsync(bool exclusive, CancellationToken cancellationToken) => _inner.AcquireLockAsync(exclusive, cancellationToken);

    public Task<int> DeleteTemporaryFilesAsync(CancellationToken cancellationToken) => _inner.DeleteTemporaryFilesAsync(cancellationToken);

    public void Dispose()
    {
    }

    private void Count()
    {
        if (Interlocked.Increment(ref _blobs) == _blobsBeforeCancel)
        {
            _cancel.Cancel();
        }
    }

    public Task AppendAuditLineAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken) => _inner.AppendAuditLineAsync(line, cancellationToken);

    public Task<IReadOnlyList<byte[]>> ReadAuditLinesAsync(CancellationToken cancellationToken) => _inner.ReadAuditLinesAsync(cancellationToken);
}

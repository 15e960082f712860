using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases.Stores;

/// <summary>
/// A release store in an Azure Blob Storage container, for deploy agents that share releases. The same layout
/// as the local store; immutability and distinct ids come from conditional writes (If-None-Match: *), and the
/// store lock from a blob lease (exclusive, for collection) plus one marker blob per writer (shared).
/// Internal: only <see cref="ReleaseStoreLocator"/> creates it, so no Azure type reaches a public signature.
/// </summary>
internal sealed class AzureBlobReleaseStore : IReleaseStore
{
    private const string ExclusiveLockName = "locks/exclusive";
    private const string SharedLockPrefix = "locks/shared/";
    private const string AuditFolder = "audit/";
    private const string AuditBaseName = "admin-tasks";
    private const int BufferSize = 1 << 20;
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LeaseRenewal = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    // A writer's marker older than this belongs to a writer that died; collection stops waiting for it.
    private static readonly TimeSpan StaleMarkerAge = TimeSpan.FromHours(1);

    private readonly BlobContainerClient _container;
    private readonly string _prefix;

    internal AzureBlobReleaseStore(BlobContainerClient container, string prefix, string displayLocation, bool createIfMissing = true)
    {
        _container = container;
        _prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
        DisplayLocation = displayLocation;
        Initialize(createIfMissing);
    }

    public string DisplayLocation { get; }

    public string? LocalRoot => null;

    public async Task<byte[]> GetSaltAsync(CancellationToken cancellationToken)
    {
        BlobClient blob = Blob("salt");
        byte[]? salt = await TryDownloadAsync(blob, MaxSaltBytes, cancellationToken).ConfigureAwait(false);
        if (salt is null)
        {
            // First users race; If-None-Match makes exactly one salt win, and everyone reads it back.
            await TryUploadNewAsync(blob, RandomNumberGenerator.GetBytes(32), cancellationToken).ConfigureAwait(false);
            salt = await TryDownloadAsync(blob, MaxSaltBytes, cancellationToken).ConfigureAwait(false);
        }

        if (salt is not { Length: 32 })
        {
            throw new ReleaseException(ProblemId.StoreVerificationFailed, CoreReleaseStrings.StoreSaltDamaged, DisplayLocation);
        }

        return salt;
    }

    public async Task<bool> BlobExistsAsync(string sha256, CancellationToken cancellationToken) =>
        (await ObjectBlob(sha256).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;

    public async Task<bool> PutBlobAsync(string sha256, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        BlobClient blob = ObjectBlob(sha256);
        if ((await blob.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value)
        {
            return false;
        }

        return await TryUploadNewAsync(blob, content, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BlobWriteResult> PutBlobAsync(Stream content, string? expectedSha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (expectedSha256 is not null && await BlobExistsAsync(expectedSha256, cancellationToken).ConfigureAwait(false))
        {
            return new BlobWriteResult(expectedSha256, (await ObjectBlob(expectedSha256).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ContentLength, Stored: false);
        }

        // The name is the hash, known only at the end: spool to an owner-only local temp file while hashing.
        string temp = Path.Combine(Path.GetTempPath(), "tf-blob-" + AtomicFile.RandomSuffix());
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Options = FileOptions.DeleteOnClose, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = AtomicFile.OwnerOnly;
        }

        await using var spool = new FileStream(temp, options);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        string actual;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            actual = Sha256Hex.Format(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (expectedSha256 is not null && !string.Equals(actual, expectedSha256, StringComparison.Ordinal))
        {
            throw new ReleaseException(ProblemId.BuildChangedDuringRelease, CoreReleaseStrings.BuildChangedDuringRelease, null);
        }

        long size = spool.Length;
        spool.Position = 0;
        BlobClient blob = ObjectBlob(actual);
        if ((await blob.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value)
        {
            return new BlobWriteResult(actual, size, Stored: false);
        }

        bool stored = await TryUploadNewAsync(blob, spool, cancellationToken).ConfigureAwait(false);
        return new BlobWriteResult(actual, size, stored);
    }

    // A successful Put Blob is durable on the service side; there is nothing to flush.
    public Task FlushBlobsAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<Stream> OpenBlobAsync(string sha256, CancellationToken cancellationToken)
    {
        try
        {
            Response<BlobDownloadStreamingResult> response = await ObjectBlob(sha256).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            throw new ReleaseException(ProblemId.BlobMissing, string.Format(CoreReleaseStrings.BlobMissing, sha256), sha256, ex);
        }
    }

    public string? GetBlobPath(string sha256) => null;

    public async IAsyncEnumerable<string> ListBlobsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string objects = _prefix + "objects/";
        await foreach (BlobItem item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, objects, cancellationToken).ConfigureAwait(false))
        {
            string name = item.Name[objects.Length..];
            if (Sha256Hex.IsValid(name))
            {
                yield return name;
            }
        }
    }

    public async Task<long> DeleteBlobAsync(string sha256, CancellationToken cancellationToken)
    {
        BlobClient blob = ObjectBlob(sha256);
        try
        {
            long size = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ContentLength;
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return size;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return 0;
        }
    }

    public async Task<IReadOnlyList<string>> ListAppsAsync(CancellationToken cancellationToken)
    {
        string apps = _prefix + "apps/";
        var names = new List<string>();
        await foreach (BlobHierarchyItem item in _container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", apps, cancellationToken).ConfigureAwait(false))
        {
            if (item.IsPrefix)
            {
                string name = item.Prefix[apps.Length..].TrimEnd('/');
                if (ReleaseNames.IsValidApp(name))
                {
                    names.Add(name);
                }
            }
        }

        return names.OrderBy(n => n, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<string>> ListReleaseIdsAsync(string app, CancellationToken cancellationToken)
    {
        ReleaseNames.ThrowIfInvalidApp(app);
        string releases = _prefix + "apps/" + app + "/releases/";
        var ids = new List<string>();
        await foreach (BlobItem item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, releases, cancellationToken).ConfigureAwait(false))
        {
            string name = item.Name[releases.Length..];
            if (name.EndsWith(".json", StringComparison.Ordinal) && ReleaseNames.IsValidId(name[..^5]))
            {
                ids.Add(name[..^5]);
            }
        }

        return ids;
    }

    public async Task<IReadOnlyList<KeyValuePair<string, string>>> ListReleaseStampsAsync(string app, CancellationToken cancellationToken)
    {
        ReleaseNames.ThrowIfInvalidApp(app);
        string releases = _prefix + "apps/" + app + "/releases/";
        var stamps = new List<KeyValuePair<string, string>>();
        await foreach (BlobItem item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, releases, cancellationToken).ConfigureAwait(false))
        {
            string name = item.Name[releases.Length..];
            if (name.EndsWith(".json", StringComparison.Ordinal) && ReleaseNames.IsValidId(name[..^5]) && item.Properties.ETag is { } etag)
            {
                // The listing carries each blob's ETag, which changes with every write of the blob.
                stamps.Add(new(name[..^5], etag.ToString()));
            }
        }

        return stamps;
    }

    public Task<byte[]?> ReadReleaseIndexAsync(string app, int maxBytes, CancellationToken cancellationToken) =>
        ReadAppCacheAsync(app, "release-index.jsonl", maxBytes, cancellationToken);

    public Task WriteReleaseIndexAsync(string app, ReadOnlyMemory<byte> index, CancellationToken cancellationToken) =>
        WriteAppCacheAsync(app, "release-index.jsonl", index, cancellationToken);

    public Task<byte[]?> ReadBlobReferencesAsync(string app, int maxBytes, CancellationToken cancellationToken) =>
        ReadAppCacheAsync(app, "blob-references", maxBytes, cancellationToken);

    public Task WriteBlobReferencesAsync(string app, ReadOnlyMemory<byte> counts, CancellationToken cancellationToken) =>
        WriteAppCacheAsync(app, "blob-references", counts, cancellationToken);

    private async Task<byte[]?> ReadAppCacheAsync(string app, string name, int maxBytes, CancellationToken cancellationToken)
    {
        ReleaseNames.ThrowIfInvalidApp(app);
        BlobClient blob = Blob("apps/" + app + "/" + name);
        try
        {
            // One request for the size first: a cache grown past the limit is not downloaded at all.
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (properties.Value.ContentLength > maxBytes)
            {
                return null;
            }

            var content = await blob.DownloadContentAsync(new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.Value.ETag } }, cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
        {
            return null;
        }
    }

    private async Task WriteAppCacheAsync(string app, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ReleaseNames.ThrowIfInvalidApp(app);
        try
        {
            await Blob("apps/" + app + "/" + name).UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Forbidden)
        {
            // A cache: a read-only token still reads the manifests each time.
        }
    }

    public Task<byte[]?> ReadManifestAsync(string app, string id, CancellationToken cancellationToken) =>
        TryDownloadAsync(ManifestBlob(app, id), MaxManifestBytes, cancellationToken);

    // An uploaded blob is durable when its upload returns: there is nothing to flush.
    public Task<bool> TryCommitManifestAsync(string app, string id, ReadOnlyMemory<byte> manifest, bool flushBlobs, CancellationToken cancellationToken) =>
        TryUploadNewAsync(ManifestBlob(app, id), manifest, cancellationToken);

    public Task DeleteManifestAsync(string app, string id, CancellationToken cancellationToken) =>
        ManifestBlob(app, id).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    public async Task WritePublishRecordAsync(string app, string destinationKey, ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
    {
        ReleaseNames.ThrowIfInvalidApp(app);
        if (!Sha256Hex.IsValid(destinationKey))
        {
            throw new ArgumentException(CoreStrings.DestinationKeyNotSha256, nameof(destinationKey));
        }

        await Blob("apps/" + app + "/published/" + destinationKey + ".json")
            .UploadAsync(BinaryData.FromBytes(record), overwrite: true, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<byte[]>> ReadPublishRecordsAsync(string app, CancellationToken cancellationToken)
    {
        ReleaseNames.ThrowIfInvalidApp(app);
        string published = _prefix + "apps/" + app + "/published/";
        var records = new List<byte[]>();
        await foreach (BlobItem item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, published, cancellationToken).ConfigureAwait(false))
        {
            byte[]? bytes = await TryDownloadAsync(_container.GetBlobClient(item.Name), MaxPublishRecordBytes, cancellationToken).ConfigureAwait(false);
            if (bytes is not null)
            {
                records.Add(bytes);
            }
        }

        return records;
    }

    public Task<IAsyncDisposable> AcquireLockAsync(bool exclusive, CancellationToken cancellationToken) =>
        exclusive ? AcquireExclusiveAsync(cancellationToken) : AcquireSharedAsync(cancellationToken);

    public async Task<int> DeleteTemporaryFilesAsync(CancellationToken cancellationToken)
    {
        // Nothing is spooled in the container; what a dead writer leaves is its lock marker.
        int removed = 0;
        await foreach (BlobItem marker in StaleMarkersAsync(cancellationToken).ConfigureAwait(false))
        {
            await _container.GetBlobClient(marker.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            removed++;
        }

        return removed;
    }

    public void Dispose()
    {
    }

    private static async Task<bool> TryUploadNewAsync(BlobClient blob, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    private static async Task<bool> TryUploadNewAsync(BlobClient blob, Stream content, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    // Larger than any of its kind TwelveFactor writes: a container others can write to may hold a blob of any size,
    // and a download into memory would take it all (a manifest of two million files is about 250 MB; an audit blob
    // is closed at the service's 50,000 appends of a line each).
    private const long MaxManifestBytes = 1L << 30;
    private const long MaxSaltBytes = 64;
    private const long MaxPublishRecordBytes = 1L << 20;
    private const long MaxAuditBlobBytes = 256L << 20;

    // The blob's content, or null when there is none; one larger than maxBytes is refused before its content is read.
    private async Task<byte[]?> TryDownloadAsync(BlobBaseClient blob, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            using BlobDownloadStreamingResult download = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            long length = download.Details.ContentLength;
            if (length > maxBytes)
            {
                var tooLarge = new Foundation.IO.FileTooLargeException(DisplayLocation + "/" + blob.Name, length, maxBytes);
                throw new ReleaseException(ProblemId.StoreVerificationFailed, tooLarge.Message, blob.Name, tooLarge);
            }

            byte[] bytes = new byte[length];
            await download.Content.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return bytes;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    // The first line of the innermost message: RequestFailedException adds headers and content after it.
    private static string Reason(Exception ex)
    {
        Exception inner = ex;
        while (inner.InnerException is not null && inner is AggregateException)
        {
            inner = inner.InnerException;
        }

        string message = inner.Message;
        int newline = message.IndexOfAny(new[] { '\r', '\n' });
        return Foundation.Secrets.SecretValueMasker.Mask(newline < 0 ? message : message[..newline]);
    }

    private void Initialize(bool createIfMissing)
    {
        try
        {
            BlobClient format = Blob("format");
            if (!createIfMissing)
            {
                if (!_container.Exists().Value || !format.Exists().Value)
                {
                    throw new ReleaseException(ProblemId.StoreNotFound, string.Format(System.Globalization.CultureInfo.CurrentCulture, CoreReleaseStrings.StoreNotFound, DisplayLocation), DisplayLocation);
                }

                return;
            }

            _container.CreateIfNotExists();
            try
            {
                format.Upload(BinaryData.FromString(LocalReleaseStore.FormatMarker + "\n"), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } });
            }
            catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
            {
                string marker = format.DownloadContent().Value.Content.ToString();
                if (!marker.StartsWith(LocalReleaseStore.FormatMarker, StringComparison.Ordinal))
                {
                    throw new ReleaseException(ProblemId.StoreLocationInvalid, string.Format(CoreReleaseStrings.StoreNotAStore, DisplayLocation), DisplayLocation);
                }
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or IOException or System.Net.Http.HttpRequestException)
        {
            // The reason (an API version the endpoint refuses, a name that does not resolve) is what the user needs;
            // credentials in it (a SAS signature in a URL) are masked.
            throw new ReleaseException(ProblemId.StoreUnavailable, string.Format(CoreReleaseStrings.StoreUnavailable, DisplayLocation, Reason(ex)), DisplayLocation, ex);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The trail is an append blob: each append is one block, which Azure writes whole, so lines from agents
    /// appending at once never interleave. An append blob holds at most 50,000 blocks; a full one is followed
    /// by <c>admin-tasks.0001.jsonl</c>, and so on.
    /// </remarks>
    public async Task AppendAuditLineAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        byte[] block = new byte[line.Length + 1];
        line.Span.CopyTo(block);
        block[^1] = (byte)'\n';
        try
        {
            int index = (await AuditIndexesAsync(cancellationToken).ConfigureAwait(false)).DefaultIfEmpty(0).Max();
            for (int attempt = 0; ; attempt++)
            {
                AppendBlobClient blob = AuditBlob(index);
                await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                try
                {
                    using var content = new MemoryStream(block, writable: false);
                    await blob.AppendBlockAsync(content, cancellationToken: cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlockCountExceedsLimit.ToString() && attempt < 3)
                {
                    index++;
                }
            }
        }
        catch (RequestFailedException ex)
        {
            throw new IOException(ex.Message, ex);
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<byte[]>> ReadAuditLinesAsync(CancellationToken cancellationToken)
    {
        var lines = new List<byte[]>();
        try
        {
            foreach (int index in (await AuditIndexesAsync(cancellationToken).ConfigureAwait(false)).Order())
            {
                byte[]? content = await TryDownloadAsync(AuditBlob(index), MaxAuditBlobBytes, cancellationToken).ConfigureAwait(false);
                int start = 0;
                for (int i = 0; content is not null && i <= content.Length; i++)
                {
                    if (i == content.Length || content[i] == '\n')
                    {
                        if (i > start)
                        {
                            lines.Add(content[start..i]);
                        }

                        start = i + 1;
                    }
                }
            }
        }
        catch (RequestFailedException ex)
        {
            throw new IOException(ex.Message, ex);
        }

        return lines;
    }

    private AppendBlobClient AuditBlob(int index) =>
        _container.GetAppendBlobClient(_prefix + AuditFolder + AuditBaseName + (index == 0 ? string.Empty : "." + index.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)) + ".jsonl");

    private async Task<List<int>> AuditIndexesAsync(CancellationToken cancellationToken)
    {
        var indexes = new List<int>();
        string prefix = _prefix + AuditFolder + AuditBaseName;
        await foreach (BlobItem item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            string rest = item.Name[prefix.Length..];
            if (rest == ".jsonl")
            {
                indexes.Add(0);
            }
            else if (rest.Length == 11 && rest.EndsWith(".jsonl", StringComparison.Ordinal)
                && int.TryParse(rest.AsSpan(1, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index))
            {
                indexes.Add(index);
            }
        }

        return indexes;
    }

    private BlobClient Blob(string name) => _container.GetBlobClient(_prefix + name);

    private BlobClient ObjectBlob(string sha256)
    {
        if (!Sha256Hex.IsValid(sha256))
        {
            throw new ArgumentException(CoreStrings.BlobNameNotSha256, nameof(sha256));
        }

        return Blob("objects/" + sha256);
    }

    private BlobClient ManifestBlob(string app, string id)
    {
        ReleaseNames.ThrowIfInvalidApp(app);
        ReleaseNames.ThrowIfInvalidId(id);
        return Blob("apps/" + app + "/releases/" + id + ".json");
    }

    private async Task<bool> IsExclusiveHeldAsync(CancellationToken cancellationToken)
    {
        try
        {
            BlobProperties properties = (await Blob(ExclusiveLockName).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return properties.LeaseState == LeaseState.Leased;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task<IAsyncDisposable> AcquireSharedAsync(CancellationToken cancellationToken)
    {
        // Check, announce, check again: a collector that leased in between sees the marker and waits, or we
        // see its lease and step back. Either way no blob is collected under a running writer.
        while (true)
        {
            if (!await IsExclusiveHeldAsync(cancellationToken).ConfigureAwait(false))
            {
                BlobClient marker = Blob(SharedLockPrefix + Guid.NewGuid().ToString("N"));
                await marker.UploadAsync(BinaryData.Empty, overwrite: true, cancellationToken).ConfigureAwait(false);
                if (!await IsExclusiveHeldAsync(cancellationToken).ConfigureAwait(false))
                {
                    return new LockHandle(() => marker.DeleteIfExistsAsync());
                }

                await marker.DeleteIfExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IAsyncDisposable> AcquireExclusiveAsync(CancellationToken cancellationToken)
    {
        BlobClient lockBlob = Blob(ExclusiveLockName);
        await TryUploadNewAsync(lockBlob, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        BlobLeaseClient lease = lockBlob.GetBlobLeaseClient();
        while (true)
        {
            try
            {
                await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        var renewal = new CancellationTokenSource();
        Task renewing = RenewAsync(lease, renewal.Token);
        var held = new LockHandle(async () =>
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            renewal.Dispose();
            await lease.ReleaseAsync().ConfigureAwait(false);
        });

        try
        {
            // Wait for writers that started before the lease to finish.
            while (await LiveMarkersAsync(cancellationToken).ConfigureAwait(false))
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }

            return held;
        }
        catch
        {
            await held.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task RenewAsync(BlobLeaseClient lease, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(LeaseRenewal, cancellationToken).ConfigureAwait(false);
                await lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> LiveMarkersAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset cutoff = DateTimeOffset.UtcNow - StaleMarkerAge;
        await foreach (BlobItem item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, _prefix + SharedLockPrefix, cancellationToken).ConfigureAwait(false))
        {
            if (item.Properties.LastModified is not { } modified || modified > cutoff)
            {
                return true;
            }
        }

        return false;
    }

    private async IAsyncEnumerable<BlobItem> StaleMarkersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DateTimeOffset cutoff = DateTimeOffset.UtcNow - StaleMarkerAge;
        await foreach (BlobItem item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, _prefix + SharedLockPrefix, cancellationToken).ConfigureAwait(false))
        {
            if (item.Properties.LastModified is { } modified && modified <= cutoff)
            {
                yield return item;
            }
        }
    }

    /// <summary>Runs a release action once, on dispose.</summary>
    private sealed class LockHandle : IAsyncDisposable
    {
        private Func<Task>? _release;

        internal LockHandle(Func<Task> release) => _release = release;

        public async ValueTask DisposeAsync()
        {
            Func<Task>? release = Interlocked.Exchange(ref _release, null);
            if (release is not null)
            {
                await release().ConfigureAwait(false);
            }
        }
    }
}

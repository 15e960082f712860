using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Resources;
using TwelveFactor.Core.Releases.Stores;

using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Foundation.IO;
namespace TwelveFactor.Core.Releases;

/// <summary>
/// Creates, lists, compares, publishes and restores immutable releases in one <see cref="IReleaseStore"/>, and is the
/// facade the cmdlets use: verification and repair are <see cref="ReleaseVerifier"/>'s, pruning and garbage collection
/// <see cref="ReleasePruner"/>'s, ingest <see cref="BuildIngester"/>'s and laying out <see cref="ReleasePublisher"/>'s. A release is committed by one atomic step (its manifest taking its id), so an
/// interrupted operation leaves no half release and no gap in the ids.
/// </summary>
public sealed class ReleaseService
{
    private const int MaxCommitAttempts = 100;

    private static readonly JsonSerializerOptions RecordJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly ReleaseServiceOptions _options;

    /// <summary>Creates a service over <paramref name="store"/>; options default to <see cref="ReleaseServiceOptions.FromEnvironment"/>.</summary>
    public ReleaseService(IReleaseStore store, ReleaseServiceOptions? options = null)
    {
        Store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? ReleaseServiceOptions.FromEnvironment();
    }

    /// <summary>The store the service works on.</summary>
    public IReleaseStore Store { get; }

    /// <summary>Creates a release from a build folder or archive (and/or an image) and a config snapshot.</summary>
    public async Task<ReleaseRecord> CreateAsync(ReleaseRequest request, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ReleaseNames.ThrowIfInvalidApp(request.App);
        string? buildPath = request.BuildPath is null ? null : CheckBuildPath(request.BuildPath);
        if (buildPath is null && request.Image is null)
        {
            throw new ReleaseException(ProblemId.BuildPathNotFound, CoreReleaseStrings.BuildPathMissing, null);
        }

        string? commit = request.SourcePath is null
            ? null
            : await GitCommitReader.ReadAsync(Path.GetFullPath(request.SourcePath), cancellationToken).ConfigureAwait(false);
        // A local store keeps plain secrets in owner-only files; a shared store has no such owner, so there
        // secrets are only ever kept encrypted.
        if (Store.LocalRoot is null && _options.EncryptionKey is null && request.Config.Any(c => c.IsSecret))
        {
            throw new ReleaseException(
                ProblemId.EncryptionKeyRequired,
                string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.SharedStoreNeedsKey, ModuleSettings.ReleaseKeyVariable),
                ModuleSettings.ReleaseKeyVariable);
        }

        // Once a store keeps its secrets encrypted, a release made without the key would put plain secrets beside
        // them, readable by whoever can read the store: refuse rather than downgrade.
        if (_options.EncryptionKey is null && request.Config.Any(c => c.IsSecret) && await HoldsEncryptedSecretsAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new ReleaseException(
                ProblemId.EncryptionKeyRequired,
                string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.StoreIsEncrypted, Store.DisplayLocation, ModuleSettings.ReleaseKeyVariable),
                ModuleSettings.ReleaseKeyVariable);
        }

        SecretProtector protector = await GetProtectorAsync(cancellationToken).ConfigureAwait(false);
        List<ReleaseConfigEntry> config = ProtectConfig(request.Config, protector);

        await using IAsyncDisposable storeLock = await Store.AcquireLockAsync(exclusive: false, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ReleaseFileEntry> files = Array.Empty<ReleaseFileEntry>();
        IReadOnlyList<ReleaseDirectoryEntry> directories = Array.Empty<ReleaseDirectoryEntry>();
        bool flushBlobs = false;
        if (buildPath is not null)
        {
            string? statCache = _options.UseStatCache && Store.LocalRoot is { } root && Directory.Exists(buildPath)
                ? Path.Combine(root, "cache", Sha256Hex.Of(Encoding.UTF8.GetBytes(buildPath)) + ".json")
                : null;
            var ingester = new BuildIngester(Store, _options.MaxDegreeOfParallelism, progress, statCache, _options.ArchiveLimits);
            files = await ingester.IngestAsync(buildPath, cancellationToken).ConfigureAwait(false);
            directories = ingester.Directories;

            // Nothing new stored, nothing to flush: every blob this release refers to was made durable by the
            // release that stored it. (syncfs waits for everything dirty on the file system, other programs'
            // writes included, which made an unchanged release wait on a busy disk.) New blobs are flushed by the
            // commit, together with the manifest.
            if (ingester.BytesStored > 0)
            {
                flushBlobs = true;
                long bytes = files.Sum(f => f.Size);
                progress?.Report(new ReleaseProgress(ReleaseOperation.Flushing, files.Count, files.Count, bytes, bytes, null));
            }
        }

        string buildDigest = ManifestCodec.BuildDigest(files, directories);
        string configDigest = ManifestCodec.ConfigDigest(config);
        string createdBy = request.CreatedBy ?? DefaultUser();
        return await CommitAsync(
            request.App,
            id => new ReleaseRecord(
                id, request.App, request.Environment, DateTimeOffset.UtcNow, buildDigest, configDigest, commit,
                files.Count, files.Sum(f => f.Size), request.Description, createdBy, request.Image, request.ImageDigest, null),
            files,
            directories,
            config,
            flushBlobs,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The names of the apps that have releases.</summary>
    public Task<IReadOnlyList<string>> ListAppsAsync(CancellationToken cancellationToken = default) => Store.ListAppsAsync(cancellationToken);

    /// <summary>An app's releases, newest first, optionally only those of one environment.</summary>
    public async Task<IReadOnlyList<ReleaseRecord>> ListAsync(string app, string? environment = null, CancellationToken cancellationToken = default)
    {
        ReleaseNames.ThrowIfInvalidApp(app);
        IReadOnlyList<ReleaseRecord> records = await ListRecordsAsync(app, cancellationToken).ConfigureAwait(false);
        return environment is null
            ? records
            : records.Where(r => string.Equals(r.Environment, environment, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>One release with its files and config. Throws ReleaseNotFound, or StoreVerificationFailed when its manifest was changed.</summary>
    public async Task<ReleaseManifest> GetAsync(string app, string id, CancellationToken cancellationToken = default)
    {
        ReleaseNames.ThrowIfInvalidApp(app);
        ReleaseNames.ThrowIfInvalidId(id);
        return await TryLoadAsync(app, id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(app, id);
    }

    /// <summary>The newest release (of one environment, when given), or null when there is none.</summary>
    public async Task<ReleaseManifest?> GetLatestAsync(string app, string? environment = null, CancellationToken cancellationToken = default)
    {
        ReleaseNames.ThrowIfInvalidApp(app);

        // The newest of all is the highest id: one manifest read. The newest of an environment comes from the
        // records (the release index), and then only its own manifest is read.
        IEnumerable<string> candidates = environment is null
            ? await SortedIdsAsync(app, cancellationToken).ConfigureAwait(false)
            : (await ListRecordsAsync(app, cancellationToken).ConfigureAwait(false))
                .Where(r => string.Equals(r.Environment, environment, StringComparison.OrdinalIgnoreCase))
                .Select(r => r.Id);
        foreach (string id in candidates)
        {
            ReleaseManifest? manifest = await TryLoadAsync(app, id, cancellationToken).ConfigureAwait(false);
            if (manifest is not null)
            {
                return manifest;
            }
        }

        return null;
    }

    /// <summary>Where the app's releases are published, one record per destination.</summary>
    public async Task<IReadOnlyList<PublishRecord>> GetPublishedAsync(string app, CancellationToken cancellationToken = default)
    {
        ReleaseNames.ThrowIfInvalidApp(app);
        var records = new List<PublishRecord>();
        foreach (byte[] bytes in await Store.ReadPublishRecordsAsync(app, cancellationToken).ConfigureAwait(false))
        {
            PublishRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<PublishRecord>(bytes, RecordJson);
            }
            catch (JsonException ex)
            {
                throw new ReleaseException(ProblemId.StoreVerificationFailed, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.PublishRecordUnreadable, app), app, ex);
            }

            if (record is not null)
            {
                records.Add(record);
            }
        }

        return records.OrderByDescending(r => r.PublishedAt).ToList();
    }

    /// <summary>What changed from <paramref name="referenceId"/> to <paramref name="differenceId"/>.</summary>
    public async Task<ReleaseComparison> CompareAsync(string app, string referenceId, string differenceId, CancellationToken cancellationToken = default)
    {
        ReleaseManifest reference = await GetAsync(app, referenceId, cancellationToken).ConfigureAwait(false);
        ReleaseManifest difference = await GetAsync(app, differenceId, cancellationToken).ConfigureAwait(false);

        var oldFiles = reference.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var newFiles = difference.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var files = new List<ReleaseFileChange>();
        foreach (string path in oldFiles.Keys.Union(newFiles.Keys).OrderBy(p => p, StringComparer.Ordinal))
        {
            oldFiles.TryGetValue(path, out ReleaseFileEntry? before);
            newFiles.TryGetValue(path, out ReleaseFileEntry? after);
            if (before is null)
            {
                files.Add(new ReleaseFileChange(path, ReleaseChangeKind.Added, null, after));
            }
            else if (after is null)
            {
                files.Add(new ReleaseFileChange(path, ReleaseChangeKind.Removed, before, null));
            }
            else if (before != after)
            {
                files.Add(new ReleaseFileChange(path, ReleaseChangeKind.Changed, before, after));
            }
        }

        var oldConfig = reference.Config.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var newConfig = difference.Config.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var config = new List<ReleaseConfigChange>();
        foreach (string name in oldConfig.Keys.Union(newConfig.Keys).OrderBy(n => n, StringComparer.Ordinal))
        {
            oldConfig.TryGetValue(name, out ReleaseConfigEntry? before);
            newConfig.TryGetValue(name, out ReleaseConfigEntry? after);
            bool secret = (before?.IsSecret ?? false) || (after?.IsSecret ?? false);
            ReleaseChangeKind? kind = before is null ? ReleaseChangeKind.Added
                : after is null ? ReleaseChangeKind.Removed
                : before.IsSecret != after.IsSecret
                    || (before.IsSecret
                        ? !string.Equals(before.ValueHash, after.ValueHash, StringComparison.Ordinal)
                        : !string.Equals(before.Value, after.Value, StringComparison.Ordinal))
                    ? ReleaseChangeKind.Changed
                    : null;
            if (kind is { } changed)
            {
                config.Add(new ReleaseConfigChange(name, changed, secret, Shown(before, secret), Shown(after, secret)));
            }
        }

        return new ReleaseComparison(referenceId, differenceId, files, config);
    }

    /// <summary>
    /// Re-reads every blob the release (or, with no id, every release of the app) refers to, and checks the
    /// manifests and config snapshots against their digests. Problems are findings, not exceptions.
    /// </summary>
    public Task<ReleaseVerification> VerifyAsync(string app, string? id = null, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new ReleaseVerifier(this, _options).VerifyAsync(app, id, progress, cancellationToken);

    /// <summary>
    /// Heals damaged or missing stored content of <paramref name="app"/>'s releases from a build folder (see
    /// <see cref="ReleaseVerifier.RepairAsync"/>).
    /// </summary>
    public Task<RepairResult> RepairAsync(string app, string? id, string? buildPath, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new ReleaseVerifier(this, _options).RepairAsync(app, id, buildPath, progress, cancellationToken);

    /// <summary>
    /// Lays the release out at <c>&lt;destination&gt;/releases/&lt;id&gt;/</c> (hard links where the file system
    /// allows), writes its config as <c>.env</c> there, switches <c>&lt;destination&gt;/current</c> atomically and
    /// records the destination in the store.
    /// </summary>
    public Task<PublishResult> PublishAsync(string app, string id, string destination, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default) =>
        PublishAsync(app, id, destination, copyFiles: false, progress, cancellationToken);

    /// <summary>
    /// As <see cref="PublishAsync(string, string, string, IProgress{ReleaseProgress}?, CancellationToken)"/>; with
    /// <paramref name="copyFiles"/> every file is a copy rather than a hard link to the store. A hard link shares
    /// the store's bytes: the blobs are read-only, but root, or a program that makes a file writable first, can
    /// change them through a deployed file. Copies cost the time and space links save.
    /// </summary>
    public async Task<PublishResult> PublishAsync(string app, string id, string destination, bool copyFiles, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        string fullDestination = Path.GetFullPath(destination);
        if (File.Exists(fullDestination))
        {
            throw new ReleaseException(ProblemId.ReleasePublishFailed, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.PublishDestinationIsFile, fullDestination), fullDestination);
        }

        ReleaseManifest manifest = await GetAsync(app, id, cancellationToken).ConfigureAwait(false);
        if (Store.LocalRoot is { } root && IsWithin(fullDestination, root))
        {
            throw new ReleaseException(ProblemId.BuildPathInsideStore, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.BuildPathInsideStore, fullDestination), fullDestination);
        }

        // Every stored file is checked before the destination is touched: a blob changed through a hard link must
        // never be laid out as the release.
        await VerifyBlobsAsync(manifest, cancellationToken).ConfigureAwait(false);
        SecretProtector protector = await GetProtectorAsync(cancellationToken).ConfigureAwait(false);
        var config = manifest.Config.Select(c => new KeyValuePair<string, string>(c.Name, protector.Reveal(c, id))).ToList();
        string? previous = ReleasePublisher.ReadCurrent(fullDestination);

        var publisher = new ReleasePublisher(Store, _options.MaxDegreeOfParallelism, progress, copyFiles);
        string releasePath;
        bool already;
        await using (await Store.AcquireLockAsync(exclusive: false, cancellationToken).ConfigureAwait(false))
        {
            (releasePath, already) = await publisher.PublishAsync(manifest, config, fullDestination, cancellationToken).ConfigureAwait(false);
        }

        var record = new PublishRecord(app, fullDestination, id, DateTimeOffset.UtcNow, DefaultUser());
        await Store.WritePublishRecordAsync(app, DestinationKey(fullDestination), JsonSerializer.SerializeToUtf8Bytes(record, RecordJson), CancellationToken.None).ConfigureAwait(false);
        return new PublishResult(record, releasePath, Path.Combine(fullDestination, "current"), previous, publisher.FilesLinked, publisher.FilesCopied, publisher.BytesCopied, already);
    }

    /// <summary>
    /// The release's config snapshot with secret values readable, for the processes the release runs (admin
    /// tasks). Callers must never print these values.
    /// </summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> RevealConfigAsync(string app, string id, CancellationToken cancellationToken = default)
    {
        ReleaseManifest manifest = await GetAsync(app, id, cancellationToken).ConfigureAwait(false);
        SecretProtector protector = await GetProtectorAsync(cancellationToken).ConfigureAwait(false);
        return manifest.Config.Select(c => new KeyValuePair<string, string>(c.Name, protector.Reveal(c, id))).ToList();
    }

    /// <summary>Removes a working copy made by <see cref="LayOutAsync"/>.</summary>
    public static void RemoveWorkingCopy(string folder) => ReleasePublisher.RemoveWorkingCopy(folder);

    /// <summary>
    /// Lays the release's files out in a new, owner-only folder under <paramref name="workRoot"/> for one run of a
    /// one-off process, and returns it; the caller removes it when the run ends. Every run starts from the store's
    /// own bytes, each checked against its digest as it is copied, so nothing an earlier run wrote (or anyone
    /// changed in a shared folder) reaches the next, and a second store's release of the same id never mixes in.
    /// The files are copies, never links to the store, and no config file is written: the config reaches the
    /// process through its environment, so no decrypted secret lands on disk.
    /// </summary>
    public async Task<string> LayOutAsync(string app, string id, string workRoot, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workRoot);
        ReleaseManifest manifest = await GetAsync(app, id, cancellationToken).ConfigureAwait(false);
        string root = Path.GetFullPath(workRoot);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(root);
        }
        else
        {
            Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        string folder = Path.Combine(root, app + "-" + id + "-" + Foundation.IO.AtomicFile.RandomSuffix());
        var publisher = new ReleasePublisher(Store, _options.MaxDegreeOfParallelism, progress, copyFiles: true);
        await using (await Store.AcquireLockAsync(exclusive: false, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await publisher.LayOutWorkingCopyAsync(manifest, folder, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                ReleasePublisher.RemoveWorkingCopy(folder);
                throw;
            }
        }

        return folder;
    }

    /// <summary>
    /// Rolls back the Heroku way: a new release (the next id) with the build and config of
    /// <paramref name="id"/>, so history stays append-only. Publish the result to deploy it.
    /// </summary>
    public async Task<ReleaseRecord> RestoreAsync(string app, string id, string? description = null, string? createdBy = null, CancellationToken cancellationToken = default)
    {
        ReleaseManifest source = await GetAsync(app, id, cancellationToken).ConfigureAwait(false);
        await using IAsyncDisposable storeLock = await Store.AcquireLockAsync(exclusive: false, cancellationToken).ConfigureAwait(false);

        // A rollback must not be made of bytes that are no longer the release's.
        await VerifyBlobsAsync(source, cancellationToken).ConfigureAwait(false);

        ReleaseRecord old = source.Release;
        string text = description ?? string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.RestoreDescription, id);
        string user = createdBy ?? DefaultUser();
        return await CommitAsync(
            app,
            newId => old with { Id = newId, CreatedAt = DateTimeOffset.UtcNow, Description = text, CreatedBy = user, RestoredFrom = id },
            source.Files,
            source.Directories,
            source.Config,
            flushBlobs: false,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes all but the newest <paramref name="keepLast"/> releases (see <see cref="ReleasePruner.PruneAsync"/>).</summary>
    public Task<PruneResult> PruneAsync(string app, int keepLast, Func<string, string, bool>? shouldProcess = null, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new ReleasePruner(this).PruneAsync(app, keepLast, shouldProcess, progress, cancellationToken);

    /// <summary>Removes the given releases (see <see cref="ReleasePruner.RemoveAsync(string, IReadOnlyCollection{string}, bool, Func{string, string, bool}?, IProgress{ReleaseProgress}?, CancellationToken)"/>).</summary>
    public Task<PruneResult> RemoveAsync(string app, IReadOnlyCollection<string> ids, Func<string, string, bool>? shouldProcess = null, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new ReleasePruner(this).RemoveAsync(app, ids, shouldProcess, progress, cancellationToken);

    /// <summary>Removes the given releases, published ones too when <paramref name="force"/> is set (see <see cref="ReleasePruner"/>).</summary>
    public Task<PruneResult> RemoveAsync(string app, IReadOnlyCollection<string> ids, bool force, Func<string, string, bool>? shouldProcess = null, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new ReleasePruner(this).RemoveAsync(app, ids, force, shouldProcess, progress, cancellationToken);

    /// <summary>Frees the stored content no release refers to any more (see <see cref="ReleasePruner.CollectGarbageAsync"/>).</summary>
    public Task<GarbageCollectionResult> CollectGarbageAsync(IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new ReleasePruner(this).CollectGarbageAsync(progress, cancellationToken);

    private static string DefaultUser() => Environment.UserName + "@" + Environment.MachineName;

    private static string DestinationKey(string fullDestination) =>
        Sha256Hex.Of(Encoding.UTF8.GetBytes(OperatingSystem.IsWindows() ? fullDestination.ToUpperInvariant() : fullDestination));

    private static string? Shown(ReleaseConfigEntry? entry, bool secret) =>
        entry is null ? null : secret ? Foundation.Secrets.SecretClassifier.Mask : entry.Value;

    internal static ReleaseException NotFound(string app, string id) =>
        new(ProblemId.ReleaseNotFound, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ReleaseNotFound, id, app), id);

    private static bool IsWithin(string path, string root)
    {
        StringComparison comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        string relative = Path.GetRelativePath(root, path);
        return string.Equals(relative, ".", StringComparison.Ordinal)
            || (!relative.StartsWith("..", comparison) && !Path.IsPathRooted(relative));
    }

    private static string Resolve(string path)
    {
        try
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
        }
        catch (IOException)
        {
            return path;
        }
    }

    private static List<ReleaseConfigEntry> ProtectConfig(IReadOnlyList<ConfigSnapshotEntry> entries, SecretProtector protector)
    {
        var byName = new Dictionary<string, ConfigSnapshotEntry>(StringComparer.Ordinal);
        foreach (ConfigSnapshotEntry entry in entries ?? Array.Empty<ConfigSnapshotEntry>())
        {
            if (!byName.TryAdd(entry.Name, entry))
            {
                throw new ArgumentException(string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.DuplicateConfigName, entry.Name), nameof(entries));
            }
        }

        return byName.Values.OrderBy(e => e.Name, StringComparer.Ordinal).Select(protector.Protect).ToList();
    }

    private string CheckBuildPath(string buildPath)
    {
        string full = Path.GetFullPath(buildPath);
        if (Directory.Exists(full))
        {
            // A build holding the store would store the store; a build inside it would read half-written blobs.
            if (Store.LocalRoot is { } root)
            {
                string real = Resolve(full);
                string realRoot = Resolve(root);
                if (IsWithin(real, realRoot) || IsWithin(realRoot, real) || IsWithin(full, root) || IsWithin(root, full))
                {
                    throw new ReleaseException(ProblemId.BuildPathInsideStore, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.BuildPathInsideStore, full), full);
                }
            }

            return full;
        }

        if (File.Exists(full))
        {
            if (!BuildIngester.IsArchive(full))
            {
                throw new ReleaseException(ProblemId.BuildPathUnsupported, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.BuildPathUnsupported, full), full);
            }

            if (Store.LocalRoot is { } root && IsWithin(Resolve(full), Resolve(root)))
            {
                throw new ReleaseException(ProblemId.BuildPathInsideStore, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.BuildPathInsideStore, full), full);
            }

            return full;
        }

        throw new ReleaseException(ProblemId.BuildPathNotFound, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.BuildPathNotFound, full), full);
    }

    /// <summary>
    /// Throws StoreVerificationFailed naming the first file whose stored content is damaged, or BlobMissing. A
    /// local blob is trusted by its seal (see <see cref="LocalReleaseStore.SealTime"/>) and size, and hashed when
    /// its seal moved; an Azure blob is hashed as it is copied, so it is not read twice here.
    /// </summary>
    private async Task VerifyBlobsAsync(ReleaseManifest manifest, CancellationToken cancellationToken)
    {
        if (Store is not LocalReleaseStore local)
        {
            foreach (string sha in manifest.Files.Where(f => f.Sha256 is not null).Select(f => f.Sha256!).Distinct(StringComparer.Ordinal))
            {
                if (!await Store.BlobExistsAsync(sha, cancellationToken).ConfigureAwait(false))
                {
                    throw new ReleaseException(ProblemId.BlobMissing, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.BlobMissing, sha), manifest.Release.Id);
                }
            }

            return;
        }

        var checkedBlobs = new HashSet<string>(StringComparer.Ordinal);
        foreach (ReleaseFileEntry entry in manifest.Files)
        {
            if (entry.Sha256 is not { } sha || !checkedBlobs.Add(sha))
            {
                continue;
            }

            switch (await local.CheckBlobAsync(sha, entry.Size, cancellationToken).ConfigureAwait(false))
            {
                case BlobState.Missing:
                    throw new ReleaseException(ProblemId.BlobMissing, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.BlobMissing, sha), entry.Path);
                case BlobState.Damaged:
                    throw new ReleaseException(ProblemId.StoreVerificationFailed, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.BlobCorrupt, sha, entry.Path), entry.Path);
            }
        }
    }

    // The newest release of each app tells whether the store keeps secrets encrypted (a store that did keeps them
    // so in its newest releases, since releases without the key are refused from then on).
    private async Task<bool> HoldsEncryptedSecretsAsync(CancellationToken cancellationToken)
    {
        // Each app's latest manifest tells; it is read as tokens (ManifestCodec.HasEncryptedConfig), not loaded.
        foreach (string app in await Store.ListAppsAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (string id in await SortedIdsAsync(app, cancellationToken).ConfigureAwait(false))
            {
                bool? encrypted;
                try
                {
                    encrypted = await Store.TestManifestAsync(app, id, static bytes => ManifestCodec.HasEncryptedConfig(bytes), cancellationToken).ConfigureAwait(false);
                    if (encrypted is null)
                    {
                        continue;
                    }
                }
                catch (InvalidDataException ex)
                {
                    throw new ReleaseException(ProblemId.StoreVerificationFailed, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ManifestUnreadable, app, id), id, ex);
                }

                if (encrypted == true)
                {
                    return true;
                }

                break;
            }
        }

        return false;
    }

    internal async Task<SecretProtector> GetProtectorAsync(CancellationToken cancellationToken) =>
        new(await Store.GetSaltAsync(cancellationToken).ConfigureAwait(false), _options.EncryptionKey);

    /// <summary>
    /// An app's release records, newest first, through the release index (<see cref="ReleaseIndex"/>): a release whose
    /// manifest has the stamp its entry was written with comes from the index; any other manifest is read and checked
    /// as <see cref="GetAsync"/> checks it (a changed one throws StoreVerificationFailed) and the index is rewritten.
    /// </summary>
    private async Task<IReadOnlyList<ReleaseRecord>> ListRecordsAsync(string app, CancellationToken cancellationToken)
    {
        IReadOnlyList<KeyValuePair<string, string>> stamps = await Store.ListReleaseStampsAsync(app, cancellationToken).ConfigureAwait(false);
        Dictionary<string, ReleaseIndex.Entry> index = ReleaseIndex.Parse(
            await Store.ReadReleaseIndexAsync(app, ReleaseIndex.MaxBytes, cancellationToken).ConfigureAwait(false), app);
        bool changed = index.Count != stamps.Count;
        var current = new List<KeyValuePair<string, ReleaseIndex.Entry>>(stamps.Count);
        foreach (var (id, stamp) in stamps.OrderByDescending(s => ReleaseNames.Number(s.Key)))
        {
            if (index.TryGetValue(id, out ReleaseIndex.Entry entry) && string.Equals(entry.Stamp, stamp, StringComparison.Ordinal))
            {
                current.Add(new(id, entry));
                continue;
            }

            changed = true;
            ReleaseManifest? manifest = await TryLoadAsync(app, id, cancellationToken).ConfigureAwait(false);
            if (manifest is not null)
            {
                current.Add(new(id, new ReleaseIndex.Entry(stamp, manifest.Release)));
            }
        }

        if (changed)
        {
            try
            {
                await Store.WriteReleaseIndexAsync(app, ReleaseIndex.Serialize(current), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A cache: a store this user may read but not write still lists, from the manifests each time.
            }
        }

        return current.Select(e => e.Value.Record).ToList();
    }

    internal async Task<IReadOnlyList<string>> SortedIdsAsync(string app, CancellationToken cancellationToken) =>
        (await Store.ListReleaseIdsAsync(app, cancellationToken).ConfigureAwait(false))
            .OrderByDescending(ReleaseNames.Number)
            .ToList();

    private async Task<ReleaseManifest?> TryLoadAsync(string app, string id, CancellationToken cancellationToken)
    {
        byte[]? bytes = await Store.ReadManifestAsync(app, id, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            // Cheap checks on every load (no blob is read): the body is as written, and its file list and
            // config still match the digests the release was created with.
            ReleaseManifest manifest = ManifestCodec.Parse(bytes, out bool digestMatches);
            if (digestMatches
                && string.Equals(manifest.Release.Id, id, StringComparison.Ordinal)
                && string.Equals(manifest.Release.App, app, StringComparison.Ordinal)
                && string.Equals(ManifestCodec.BuildDigest(manifest.Files, manifest.Directories), manifest.Release.BuildDigest, StringComparison.Ordinal)
                && string.Equals(ManifestCodec.ConfigDigest(manifest.Config), manifest.Release.ConfigDigest, StringComparison.Ordinal))
            {
                // Digests are self-made, so they prove nothing against a writer of the store: check every path
                // before any caller lays one out.
                ManifestValidator.Validate(manifest);
                return manifest;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ReleaseException(ProblemId.StoreVerificationFailed, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ManifestUnreadable, app, id), id, ex);
        }

        throw new ReleaseException(ProblemId.StoreVerificationFailed, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ManifestUnreadable, app, id), id);
    }

    private async Task<ReleaseRecord> CommitAsync(
        string app,
        Func<string, ReleaseRecord> makeRecord,
        IReadOnlyList<ReleaseFileEntry> files,
        IReadOnlyList<ReleaseDirectoryEntry> directories,
        IReadOnlyList<ReleaseConfigEntry> config,
        bool flushBlobs,
        CancellationToken cancellationToken)
    {
        // The id is chosen only now, at commit: a release abandoned earlier never took one. When another
        // writer takes the id first, the commit fails cleanly and the next free id is tried.
        for (int attempt = 0; attempt < MaxCommitAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<string> ids = await Store.ListReleaseIdsAsync(app, cancellationToken).ConfigureAwait(false);
            int next = ids.Count == 0 ? 1 : ids.Max(ReleaseNames.Number) + 1;
            ReleaseRecord record = makeRecord(ReleaseNames.FormatId(next));
            using PooledBufferWriter manifest = ManifestCodec.SerializePooled(record, files, directories, config, out _);
            if (await Store.TryCommitManifestAsync(app, record.Id, manifest.WrittenMemory, flushBlobs, cancellationToken).ConfigureAwait(false))
            {
                return record;
            }

            await Task.Delay(Random.Shared.Next(1, 10 + (attempt * 5)), cancellationToken).ConfigureAwait(false);
        }

        throw new ReleaseException(ProblemId.ReleaseIdContention, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ReleaseIdContention, app), app);
    }
}

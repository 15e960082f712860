using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Releases.Stores;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// Checks what a store holds against what its manifests say (every blob re-hashed, every manifest and config
/// snapshot against its digest, every path against the layout rules), and heals damaged blobs from a build. Reads
/// the releases through <see cref="ReleaseService"/>, so a verification sees exactly what a publish would.
/// </summary>
public sealed class ReleaseVerifier
{
    private readonly ReleaseService _releases;
    private readonly IReleaseStore _store;
    private readonly ReleaseServiceOptions _options;

    /// <summary>A verifier of <paramref name="releases"/>' store.</summary>
    public ReleaseVerifier(ReleaseService releases, ReleaseServiceOptions? options = null)
    {
        _releases = releases ?? throw new ArgumentNullException(nameof(releases));
        _store = releases.Store;
        _options = options ?? new ReleaseServiceOptions();
    }

    /// <summary>
    /// Re-reads every blob the release (or, with no id, every release of the app) refers to, and checks the
    /// manifests and config snapshots against their digests. Problems are findings, not exceptions.
    /// </summary>
    public async Task<ReleaseVerification> VerifyAsync(string app, string? id = null, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ReleaseNames.ThrowIfInvalidApp(app);
        IReadOnlyList<string> ids;
        if (id is null)
        {
            ids = await _releases.SortedIdsAsync(app, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            ReleaseNames.ThrowIfInvalidId(id);
            ids = new[] { id };
        }

        var findings = new ConcurrentBag<VerificationFinding>();
        var references = new Dictionary<string, (long Size, List<(string ReleaseId, string Path)> Users)>(StringComparer.Ordinal);
        SecretProtector protector = await _releases.GetProtectorAsync(cancellationToken).ConfigureAwait(false);
        foreach (string releaseId in ids)
        {
            byte[]? bytes = await _store.ReadManifestAsync(app, releaseId, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                throw ReleaseService.NotFound(app, releaseId);
            }

            ReleaseManifest manifest;
            bool digestMatches;
            try
            {
                manifest = ManifestCodec.Parse(bytes, out digestMatches);
            }
            catch (InvalidDataException)
            {
                findings.Add(Finding(VerificationFindingKind.ManifestUnreadable, releaseId, releaseId, CoreReleaseStrings.FindingManifestUnreadable));
                continue;
            }

            CheckManifest(manifest, releaseId, digestMatches, protector, findings);
            foreach (ReleaseFileEntry file in manifest.Files.Where(f => f.Sha256 is not null))
            {
                if (!Sha256Hex.IsValid(file.Sha256))
                {
                    continue;
                }

                if (!references.TryGetValue(file.Sha256!, out var reference))
                {
                    reference = (file.Size, new List<(string, string)>());
                    references[file.Sha256!] = reference;
                }

                reference.Users.Add((releaseId, file.Path));
            }
        }

        long bytesChecked = await CheckBlobsAsync(references, findings, progress, cancellationToken).ConfigureAwait(false);
        var ordered = findings
            .OrderBy(f => f.ReleaseId is null ? 0 : ReleaseNames.Number(f.ReleaseId))
            .ThenBy(f => f.Target, StringComparer.Ordinal)
            .ThenBy(f => f.Kind)
            .ToList();
        return new ReleaseVerification(app, ids, references.Count, bytesChecked, ordered);
    }

    /// <summary>
    /// Heals damaged or missing stored content of <paramref name="app"/>'s releases from a build folder: every file
    /// of <paramref name="buildPath"/> whose size and SHA-256 match a damaged blob is stored again over it. Returns
    /// the files healed and the ones that could not be (no build given, or the build lacks their bytes).
    /// </summary>
    public async Task<RepairResult> RepairAsync(string app, string? id, string? buildPath, IProgress<ReleaseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ReleaseVerification verification = await VerifyAsync(app, id, progress, cancellationToken).ConfigureAwait(false);
        var damaged = new Dictionary<string, (long Size, List<string> Paths)>(StringComparer.Ordinal);
        foreach (VerificationFinding finding in verification.Findings.Where(f => f.Kind is VerificationFindingKind.BlobCorrupt or VerificationFindingKind.BlobMissing))
        {
            if (finding.ReleaseId is null || finding.Target is null)
            {
                continue;
            }

            ReleaseFileEntry? entry = (await _releases.GetAsync(app, finding.ReleaseId, cancellationToken).ConfigureAwait(false)).Files.FirstOrDefault(f => f.Path == finding.Target);
            if (entry?.Sha256 is { } sha)
            {
                if (!damaged.TryGetValue(sha, out var known))
                {
                    damaged[sha] = known = (entry.Size, new List<string>());
                }

                known.Paths.Add(finding.ReleaseId + ":" + entry.Path);
            }
        }

        var healed = new List<string>();
        if (damaged.Count > 0 && buildPath is not null && Directory.Exists(buildPath))
        {
            var sizes = damaged.Values.Select(d => d.Size).ToHashSet();
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
            foreach (string file in Directory.EnumerateFiles(Path.GetFullPath(buildPath), "*", options))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!sizes.Contains(new FileInfo(file).Length))
                {
                    continue;
                }

                // A build is written by others: a fifo or device in it is passed over, never opened and read.
                string sha;
                try
                {
                    await using var stream = new FileStream(RegularFile.OpenRead(file), FileAccess.Read, 1 << 16);
                    sha = Sha256Hex.Format(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
                }
                catch (NotRegularFileException)
                {
                    continue;
                }

                if (damaged.Remove(sha, out var heal))
                {
                    await using var content = new FileStream(RegularFile.OpenRead(file), FileAccess.Read, 1 << 16);
                    await _store.PutBlobAsync(content, sha, cancellationToken).ConfigureAwait(false);
                    healed.AddRange(heal.Paths);
                }
            }

            await _store.FlushBlobsAsync(cancellationToken).ConfigureAwait(false);
        }

        return new RepairResult(healed, damaged.Values.SelectMany(d => d.Paths).ToList());
    }

    private static void CheckManifest(ReleaseManifest manifest, string releaseId, bool digestMatches, SecretProtector protector, ConcurrentBag<VerificationFinding> findings)
    {
        ReleaseRecord release = manifest.Release;
        if (!digestMatches)
        {
            findings.Add(Finding(VerificationFindingKind.ManifestDigestMismatch, releaseId, releaseId, CoreReleaseStrings.FindingManifestDigest));
        }

        if (!string.Equals(release.Id, releaseId, StringComparison.Ordinal)
            || !string.Equals(ManifestCodec.BuildDigest(manifest.Files, manifest.Directories), release.BuildDigest, StringComparison.Ordinal)
            || release.FileCount != manifest.Files.Count
            || release.Size != manifest.Files.Sum(f => f.Size))
        {
            findings.Add(Finding(VerificationFindingKind.BuildDigestMismatch, releaseId, releaseId, CoreReleaseStrings.FindingBuildDigest));
        }

        try
        {
            ManifestValidator.Validate(manifest);
        }
        catch (ReleaseException ex)
        {
            findings.Add(new VerificationFinding(VerificationFindingKind.ManifestEntryUnsafe, releaseId, ex.Target ?? releaseId, ex.Message));
        }

        if (!string.Equals(ManifestCodec.ConfigDigest(manifest.Config), release.ConfigDigest, StringComparison.Ordinal))
        {
            findings.Add(Finding(VerificationFindingKind.ConfigDigestMismatch, releaseId, releaseId, CoreReleaseStrings.FindingConfigDigest));
        }

        bool skippedEncrypted = false;
        foreach (ReleaseConfigEntry entry in manifest.Config.Where(c => c.IsSecret))
        {
            if (entry.IsEncrypted && !protector.CanDecrypt)
            {
                skippedEncrypted = true;
                continue;
            }

            bool matches;
            try
            {
                matches = protector.Matches(entry, releaseId);
            }
            catch (ReleaseException)
            {
                matches = false;
            }

            if (!matches)
            {
                findings.Add(Finding(VerificationFindingKind.ConfigDigestMismatch, releaseId, entry.Name, CoreReleaseStrings.FindingSecret));
            }
        }

        if (skippedEncrypted)
        {
            findings.Add(Finding(VerificationFindingKind.SecretsNotChecked, releaseId, ModuleSettings.ReleaseKeyVariable, CoreReleaseStrings.FindingSecretsNotChecked));
        }
    }

    private static VerificationFinding Finding(VerificationFindingKind kind, string? releaseId, string? target, string format) =>
        new(kind, releaseId, target, string.Format(CultureInfo.CurrentCulture, format, releaseId, target));

    private async Task<long> CheckBlobsAsync(
        Dictionary<string, (long Size, List<(string ReleaseId, string Path)> Users)> references,
        ConcurrentBag<VerificationFinding> findings,
        IProgress<ReleaseProgress>? progress,
        CancellationToken cancellationToken)
    {
        var reporter = new ProgressReporter(progress, ReleaseOperation.Verifying);
        reporter.SetTotals(references.Count, references.Values.Sum(r => r.Size));
        long bytesChecked = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(references, parallel, async (pair, ct) =>
        {
            (string sha, (long size, List<(string ReleaseId, string Path)> users)) = (pair.Key, pair.Value);
            VerificationFindingKind? problem = null;
            try
            {
                await using Stream stream = await _store.OpenBlobAsync(sha, ct).ConfigureAwait(false);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
                long length = 0;
                try
                {
                    int read;
                    while ((read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        length += read;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                Interlocked.Add(ref bytesChecked, length);
                if (length != size || !string.Equals(Sha256Hex.Format(hash.GetHashAndReset()), sha, StringComparison.Ordinal))
                {
                    problem = VerificationFindingKind.BlobCorrupt;
                }
            }
            catch (ReleaseException ex) when (ex.Problem == ProblemId.BlobMissing)
            {
                problem = VerificationFindingKind.BlobMissing;
            }
            catch (ReleaseException ex) when (ex.InnerException is NotRegularFileException)
            {
                // A link, fifo or device where the blob should be: its bytes are not the store's.
                problem = VerificationFindingKind.BlobCorrupt;
            }

            if (problem is { } kind)
            {
                foreach ((string releaseId, string path) in users)
                {
                    findings.Add(new VerificationFinding(
                        kind,
                        releaseId,
                        path,
                        string.Format(
                            CultureInfo.CurrentCulture,
                            kind == VerificationFindingKind.BlobMissing ? CoreReleaseStrings.FindingBlobMissing : CoreReleaseStrings.FindingBlobCorrupt,
                            releaseId,
                            path,
                            sha)));
                }
            }

            reporter.Advance(size, sha);
        }).ConfigureAwait(false);
        reporter.Complete();
        return bytesChecked;
    }
}

using System;

namespace TwelveFactor.Core.Releases;

/// <summary>One immutable release: a build and one environment's config, under an id (<c>v1</c>, <c>v2</c>, ...) of its app.</summary>
/// <param name="Id">The release id, in sequence per app.</param>
/// <param name="App">The app the release belongs to.</param>
/// <param name="Environment">The environment whose config the release holds, when one was named.</param>
/// <param name="CreatedAt">When the release was committed (UTC).</param>
/// <param name="BuildDigest"><c>sha256:</c> digest over the file list (paths, modes, content digests, link targets).</param>
/// <param name="ConfigDigest"><c>sha256:</c> digest over the config snapshot; secrets enter only as salted hashes.</param>
/// <param name="Commit">The source's git commit, suffixed <c>-dirty</c> when the work tree had changes; null when unknown.</param>
/// <param name="FileCount">How many files and symlinks the build holds.</param>
/// <param name="Size">The build's total size in bytes.</param>
/// <param name="Description">Free text given at creation.</param>
/// <param name="CreatedBy">Who created the release (<c>user@host</c> unless given).</param>
/// <param name="Image">A container image reference the release deploys, when it has one.</param>
/// <param name="ImageDigest">The image's <c>sha256:</c> digest, when known.</param>
/// <param name="RestoredFrom">The id of the release whose build and config this one restored, for rollbacks.</param>
public sealed record ReleaseRecord(
    string Id,
    string App,
    string? Environment,
    DateTimeOffset CreatedAt,
    string BuildDigest,
    string ConfigDigest,
    string? Commit,
    int FileCount,
    long Size,
    string? Description,
    string CreatedBy,
    string? Image,
    string? ImageDigest,
    string? RestoredFrom)
{
    /// <summary>The number in the id, for ordering (<c>v10</c> after <c>v9</c>).</summary>
    public int Number => ReleaseNames.Number(Id);
}

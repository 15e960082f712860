using System;
using System.Collections.Generic;

namespace TwelveFactor.Core.Releases;

/// <summary>What a new release is made of.</summary>
public sealed class ReleaseRequest
{
    /// <summary>The app the release belongs to; ids are in sequence per app.</summary>
    public required string App { get; init; }

    /// <summary>A build folder or a .zip, .tar, .tar.gz or .tgz archive (full path). Null only with <see cref="Image"/>.</summary>
    public string? BuildPath { get; init; }

    /// <summary>The environment whose config <see cref="Config"/> is.</summary>
    public string? Environment { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>A git work tree whose HEAD is recorded as the release's commit.</summary>
    public string? SourcePath { get; init; }

    /// <summary>A container image reference (<c>name:tag</c> or <c>name@sha256:...</c>).</summary>
    public string? Image { get; init; }

    /// <summary>The image's resolved <c>sha256:</c> digest, when known.</summary>
    public string? ImageDigest { get; init; }

    /// <summary>The resolved config of the environment at this moment.</summary>
    public IReadOnlyList<ConfigSnapshotEntry> Config { get; init; } = Array.Empty<ConfigSnapshotEntry>();

    /// <summary>Who creates the release; <c>user@host</c> when null.</summary>
    public string? CreatedBy { get; init; }
}

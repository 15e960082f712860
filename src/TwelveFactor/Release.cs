using System;

namespace TwelveFactor;

/// <summary>An immutable release: a build plus the config of one environment, with a sequential id per app.</summary>
public sealed class Release
{
    internal Release(string id, string app, string? environment, DateTimeOffset createdAt, string buildDigest, string configDigest, string? commit,
        int fileCount, long size, string? description, string createdBy, string? image, string? imageDigest, string? restoredFrom)
    {
        Id = id;
        App = app;
        Environment = environment;
        CreatedAt = createdAt;
        BuildDigest = buildDigest;
        ConfigDigest = configDigest;
        Commit = commit;
        FileCount = fileCount;
        Size = size;
        Description = description;
        CreatedBy = createdBy;
        Image = image;
        ImageDigest = imageDigest;
        RestoredFrom = restoredFrom;
    }

    /// <summary>v1, v2, ... in sequence per app.</summary>
    public string Id { get; }

    public string App { get; }

    public string? Environment { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>SHA-256 over the build's file list and contents.</summary>
    public string BuildDigest { get; }

    /// <summary>SHA-256 over the config snapshot (secrets by hash).</summary>
    public string ConfigDigest { get; }

    /// <summary>The git commit of the source, with "-dirty" when the work tree had changes.</summary>
    public string? Commit { get; }

    public int FileCount { get; }

    /// <summary>Total size of the build's files in bytes.</summary>
    public long Size { get; }

    public string? Description { get; }

    public string CreatedBy { get; }

    /// <summary>The container image reference, for releases made with -Image.</summary>
    public string? Image { get; }

    /// <summary>The image's digest (sha256:...), resolved through the Docker engine.</summary>
    public string? ImageDigest { get; }

    /// <summary>The release this one was restored from (Restore-TfRelease), if any.</summary>
    public string? RestoredFrom { get; }

    /// <summary>The destinations whose <c>current</c> this release is, as the store recorded them; empty when it is not published (filled by Get-TfRelease).</summary>
    public string[] PublishedTo { get; init; } = Array.Empty<string>();

    /// <summary>The id, so a release object given to a parameter that takes an id (-Release, -Id) means itself.</summary>
    public override string ToString() => Id;

    /// <summary>
    /// The store the release lives in, as its location reads (a folder, or an Azure Blob URL without credentials),
    /// so piping a release to the next release cmdlet uses the same store (-Store binds by property name).
    /// </summary>
    public string? Store { get; init; }

    internal static Release From(Core.Releases.ReleaseRecord r, string? store, System.Collections.Generic.IReadOnlyList<Core.Releases.PublishRecord>? published = null) =>
        new(r.Id, r.App, r.Environment, r.CreatedAt, r.BuildDigest, r.ConfigDigest, r.Commit, r.FileCount, r.Size, r.Description, r.CreatedBy, r.Image, r.ImageDigest, r.RestoredFrom)
        {
            Store = store,
            PublishedTo = published is null ? Array.Empty<string>() : System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(System.Linq.Enumerable.Where(published, p => p.ReleaseId == r.Id), p => p.Destination)),
        };
}

using System;

namespace TwelveFactor;

/// <summary>What Publish-TfRelease did: where the release was laid out and what <c>current</c> pointed to before.</summary>
public sealed class ReleasePublication
{
    internal ReleasePublication(string app, string id, string destination, string releasePath, string currentPath, string? previousId, int filesLinked, int filesCopied, long bytesCopied, DateTimeOffset publishedAt)
    {
        App = app;
        Id = id;
        Destination = destination;
        ReleasePath = releasePath;
        CurrentPath = currentPath;
        PreviousId = previousId;
        FilesLinked = filesLinked;
        FilesCopied = filesCopied;
        BytesCopied = bytesCopied;
        PublishedAt = publishedAt;
    }

    public string App { get; }

    /// <summary>The release now published.</summary>
    public string Id { get; }

    /// <summary>The deploy folder.</summary>
    public string Destination { get; }

    /// <summary>&lt;Destination&gt;/releases/&lt;Id&gt;, holding the build and its .env.</summary>
    public string ReleasePath { get; }

    /// <summary>&lt;Destination&gt;/current, switched atomically to ReleasePath.</summary>
    public string CurrentPath { get; }

    /// <summary>The release current pointed to before; null on the first publish.</summary>
    public string? PreviousId { get; }

    /// <summary>Files laid out as hard links to the store.</summary>
    public int FilesLinked { get; }

    /// <summary>Files copied (other file systems, remote stores).</summary>
    public int FilesCopied { get; }

    public long BytesCopied { get; }

    public DateTimeOffset PublishedAt { get; }

    public override string ToString() => $"{App} {Id} -> {Destination}";
}

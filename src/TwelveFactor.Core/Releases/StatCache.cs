using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.IO;
using TwelveFactor.Core.Storage;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// Remembers, per build folder, each file's <see cref="FileStamp"/> and SHA-256, so a release of a build where
/// one file changed reads one file. Like git's index it distrusts "racily clean" entries: a file changed within
/// <see cref="RacyWindow"/> before the previous scan began is hashed again, since a change in the same clock
/// tick would not show in its stamp. The cache is only an accelerator: losing or damaging it costs a full hash.
/// </summary>
internal sealed class StatCache
{
    private static readonly long RacyWindowNs = (long)RacyWindow.TotalMilliseconds * 1_000_000L;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly Dictionary<string, Entry> _previous;
    private readonly long _previousScanStartNs;
    private readonly Dictionary<string, Entry> _next = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    private StatCache(Dictionary<string, Entry> previous, long previousScanStartNs)
    {
        _previous = previous;
        _previousScanStartNs = previousScanStartNs;
        ScanStartNs = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100L;
    }

    internal static TimeSpan RacyWindow => TimeSpan.FromSeconds(2);

    /// <summary>When this scan began, in Unix nanoseconds.</summary>
    internal long ScanStartNs { get; }

    /// <summary>Reads the cache file; a missing or unreadable one is an empty cache.</summary>
    internal static async Task<StatCache> LoadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            Document? document = await JsonSerializer.DeserializeAsync<Document>(stream, Json, cancellationToken).ConfigureAwait(false);
            if (document?.Files is { } files)
            {
                return new StatCache(new Dictionary<string, Entry>(files, StringComparer.Ordinal), document.ScanStartNs);
            }
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
        }

        return new StatCache(new Dictionary<string, Entry>(StringComparer.Ordinal), 0);
    }

    /// <summary>The SHA-256 recorded for a file whose stamp is unchanged and was not racily clean; else null.</summary>
    internal string? Lookup(string relativePath, FileStamp stamp)
    {
        if (_previous.TryGetValue(relativePath, out Entry? entry)
            && entry.Stamp == stamp
            && Sha256Hex.IsValid(entry.Sha256)
            && stamp.ChangedNs < _previousScanStartNs - RacyWindowNs
            && stamp.ModifiedNs < _previousScanStartNs - RacyWindowNs)
        {
            return entry.Sha256;
        }

        return null;
    }

    /// <summary>Records a file's stamp (taken before it was read) and its hash for the next scan.</summary>
    internal void Record(string relativePath, FileStamp stamp, string sha256)
    {
        lock (_gate)
        {
            _next[relativePath] = new Entry { Stamp = stamp, Sha256 = sha256 };
        }
    }

    /// <summary>Writes the entries recorded in this scan, atomically and owner-only.</summary>
    internal async Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(new Document { ScanStartNs = ScanStartNs, Files = _next }, Json);
        await AtomicFile.WriteAsync(path, bytes, AtomicFile.OwnerOnly, cancellationToken).ConfigureAwait(false);
    }

    private sealed class Document
    {
        public long ScanStartNs { get; set; }

        public Dictionary<string, Entry>? Files { get; set; }
    }

    private sealed class Entry
    {
        public FileStamp Stamp { get; set; }

        public string? Sha256 { get; set; }
    }
}

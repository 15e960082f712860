using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TwelveFactor.Core.Releases.Stores;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// A cache beside an app's manifests of how many of its releases refer to each blob, and of the manifest stamps it
/// was counted from, so garbage collection after removing a few releases reads those few manifests, not all the rest.
/// </summary>
/// <remarks>
/// The manifests stay the truth. The counts are used only while every release they were counted from still has the
/// stamp it had then; a release added since is read and added; a release gone since is subtracted only when the
/// remover read its manifest (under that same stamp) before deleting it. Anything else (no cache, a foreign or broken
/// one, a stamp that moved, a release gone unseen) makes the collector count every manifest again and sweep every
/// blob, as it always did. The cache is written after the blobs are deleted, so a crash before the write leaves a
/// cache that no longer matches the manifests, which the next collection recounts.
/// One line a release (<c>R</c>, id, stamp) and one a blob (<c>B</c>, SHA-256, count), tab-separated, after a line
/// naming the format.
/// </remarks>
internal sealed class BlobReferenceCounts
{
    internal const string Format = "twelvefactor.blob-references/v1";

    /// <summary>The largest cache read: past it, collection counts from the manifests.</summary>
    internal const int MaxBytes = 256 << 20;

    private readonly Dictionary<string, string> _releases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>The releases counted, by id, with the manifest stamps they were counted under.</summary>
    internal IReadOnlyDictionary<string, string> Releases => _releases;

    /// <summary>Every blob at least one counted release refers to.</summary>
    internal IEnumerable<string> Blobs => _counts.Keys;

    /// <summary>The counts in <paramref name="bytes"/>; null for none, a foreign format, or any malformed line.</summary>
    internal static BlobReferenceCounts? Parse(byte[]? bytes)
    {
        if (bytes is null)
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var counts = new BlobReferenceCounts();
        string[] lines = text.Split('\n');
        if (lines.Length < 1 || lines[0] != Format)
        {
            return null;
        }

        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0 && i == lines.Length - 1)
            {
                break;
            }

            string[] fields = line.Split('\t');
            if (fields.Length != 3)
            {
                return null;
            }

            if (fields[0] == "R" && ReleaseNames.IsValidId(fields[1]) && fields[2].Length > 0 && counts._releases.TryAdd(fields[1], fields[2]))
            {
                continue;
            }

            if (fields[0] == "B" && Sha256Hex.IsValid(fields[1])
                && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count > 0
                && counts._counts.TryAdd(fields[1], count))
            {
                continue;
            }

            return null;
        }

        return counts;
    }

    /// <summary>Counts a release's references (each blob once per release).</summary>
    internal void Add(string id, string stamp, IReadOnlySet<string> references)
    {
        _releases[id] = stamp;
        foreach (string sha in references)
        {
            _counts[sha] = _counts.TryGetValue(sha, out int count) ? count + 1 : 1;
        }
    }

    /// <summary>Takes a counted release's references back; a blob no release refers to any more goes to <paramref name="unreferenced"/>.</summary>
    /// <returns>False, changing nothing, when the references include a blob that was never counted: the counts do not describe this release.</returns>
    internal bool TryRemove(string id, IReadOnlySet<string> references, ISet<string> unreferenced)
    {
        foreach (string sha in references)
        {
            if (!_counts.ContainsKey(sha))
            {
                return false;
            }
        }

        _releases.Remove(id);
        foreach (string sha in references)
        {
            int count = _counts[sha] - 1;
            if (count == 0)
            {
                _counts.Remove(sha);
                unreferenced.Add(sha);
            }
            else
            {
                _counts[sha] = count;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="sha256"/> is referred to by a counted release.</summary>
    internal bool Refers(string sha256) => _counts.ContainsKey(sha256);

    /// <summary>The cache's bytes; null when a stamp holds a tab or line break (the store would then not cache).</summary>
    internal byte[]? Serialize()
    {
        var text = new StringBuilder(64 + (_releases.Count * 48) + (_counts.Count * 72));
        text.Append(Format).Append('\n');
        foreach (var (id, stamp) in _releases)
        {
            if (stamp.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0)
            {
                return null;
            }

            text.Append("R\t").Append(id).Append('\t').Append(stamp).Append('\n');
        }

        foreach (var (sha, count) in _counts)
        {
            text.Append("B\t").Append(sha).Append('\t').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

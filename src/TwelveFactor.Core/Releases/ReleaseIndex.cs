using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// A cache of an app's release records beside its manifests, so listing a thousand releases reads one small file
/// and a directory listing instead of a thousand manifests of thousands of files each. One JSON line a release:
/// <c>{"id":"v12","stamp":"…","record":{…}}</c> after a first line naming the format.
/// </summary>
/// <remarks>
/// The manifests stay the truth. An entry counts only while its manifest's stamp (inode, size and times of the file;
/// a blob's ETag) is what it was when the entry was written, so a manifest that is replaced, rewritten or touched is
/// read and checked again; a release whose manifest is gone is dropped. A crash between a commit and the index
/// write leaves an index that lacks the new release, which the next listing reads from its manifest and adds. The
/// index is written by others as much as the manifests are: an unreadable line, a record whose id or app is not
/// its own, a duplicate, or an index past <see cref="MaxBytes"/> is ignored, never an error.
/// </remarks>
internal static class ReleaseIndex
{
    internal const string Format = "twelvefactor.release-index/v1";

    /// <summary>The largest index read: about 100,000 releases; past it, listing reads the manifests.</summary>
    internal const int MaxBytes = 64 << 20;

    internal readonly record struct Entry(string Stamp, ReleaseRecord Record);

    /// <summary>The entries of an index of <paramref name="app"/>; empty for null or a foreign format.</summary>
    internal static Dictionary<string, Entry> Parse(byte[]? bytes, string app)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (bytes is null)
        {
            return entries;
        }

        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        ReadOnlySpan<byte> rest = bytes;
        bool first = true;
        while (!rest.IsEmpty)
        {
            int newline = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? ReadOnlySpan<byte>.Empty : rest[(newline + 1)..];
            if (first)
            {
                first = false;
                if (!IsHeader(line))
                {
                    return entries;
                }

                continue;
            }

            if (TryReadLine(line, app, out string? id, out Entry entry))
            {
                if (!entries.TryAdd(id!, entry))
                {
                    duplicates.Add(id!);
                }
            }
        }

        // Two lines for one id: neither is trusted, the manifest decides.
        foreach (string id in duplicates)
        {
            entries.Remove(id);
        }

        return entries;
    }

    /// <summary>An index of the given entries, newest release first.</summary>
    internal static byte[] Serialize(IEnumerable<KeyValuePair<string, Entry>> entries)
    {
        var output = new MemoryStream();
        using (var header = new Utf8JsonWriter(output))
        {
            header.WriteStartObject();
            header.WriteString("format", Format);
            header.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
        foreach (var (id, entry) in entries)
        {
            using (var writer = new Utf8JsonWriter(output))
            {
                writer.WriteStartObject();
                writer.WriteString("id", id);
                writer.WriteString("stamp", entry.Stamp);
                writer.WritePropertyName("record");
                ManifestCodec.WriteRecord(writer, entry.Record);
                writer.WriteEndObject();
            }

            output.WriteByte((byte)'\n');
        }

        return output.ToArray();
    }

    private static bool IsHeader(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("format", out JsonElement format)
                && format.ValueKind == JsonValueKind.String
                && format.GetString() == Format;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryReadLine(ReadOnlySpan<byte> line, string app, out string? id, out Entry entry)
    {
        id = null;
        entry = default;
        try
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out JsonElement idElement) || idElement.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("stamp", out JsonElement stampElement) || stampElement.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("record", out JsonElement recordElement) || recordElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            ReleaseRecord record = ManifestCodec.ReadRecord(recordElement);
            id = idElement.GetString()!;
            if (!string.Equals(record.Id, id, StringComparison.Ordinal) || !string.Equals(record.App, app, StringComparison.Ordinal))
            {
                return false;
            }

            entry = new Entry(stampElement.GetString()!, record);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException)
        {
            return false;
        }
    }
}

using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Releases.Stores;

using TwelveFactor.Core.Resources;
namespace TwelveFactor.Core.Releases;

/// <summary>
/// Reads and writes manifests: <c>{"format":..., "digest":"sha256:...", "body":{...}}</c>. The digest covers the
/// body's exact bytes, so a changed byte anywhere in the body is found without any canonical re-serialization.
/// </summary>
internal static class ManifestCodec
{
    internal const string Format = "twelvefactor.release/v1";

    // How Serialize's envelope starts, up to the digest's 64 hex digits (TryReadWrittenConfig knows its layout).
    private static readonly byte[] WrittenHead = Encoding.UTF8.GetBytes("{\"format\":\"" + Format + "\",\"digest\":\"sha256:");

    // What Utf8JsonWriter writes as it is in a string, with its default encoder: printable ASCII but the quote, the
    // backslash and the characters it escapes for HTML (< > & ' + `). Written out, not built through Linq (which a
    // session's first release compiled); searched vectorised, as a release asks it of every path and digest.
    private static readonly SearchValues<char> PlainJsonCharacters =
        SearchValues.Create(" !#$%()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~");

    // Longer paths (rare) go through the writer's own calls.
    private const int MaxPlainPathLength = 1024;

    // The envelope's head through "body": (WrittenHead, the digest's 64 hex digits, then this).
    private static ReadOnlySpan<byte> EnvelopeHeadEnd => "\",\"body\":"u8;

    private static readonly int EnvelopeHeadLength = WrittenHead.Length + Sha256Hex.Length + EnvelopeHeadEnd.Length;

    internal static byte[] Serialize(ReleaseRecord release, IReadOnlyList<ReleaseFileEntry> files, IReadOnlyList<ReleaseConfigEntry> config, out string manifestDigest) =>
        Serialize(release, files, Array.Empty<ReleaseDirectoryEntry>(), config, out manifestDigest);

    internal static byte[] Serialize(
        ReleaseRecord release, IReadOnlyList<ReleaseFileEntry> files, IReadOnlyList<ReleaseDirectoryEntry> directories, IReadOnlyList<ReleaseConfigEntry> config, out string manifestDigest)
    {
        using PooledBufferWriter manifest = SerializePooled(release, files, directories, config, out manifestDigest);
        return manifest.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <see cref="Serialize(ReleaseRecord, IReadOnlyList{ReleaseFileEntry}, IReadOnlyList{ReleaseDirectoryEntry}, IReadOnlyList{ReleaseConfigEntry}, out string)"/>'s
    /// bytes in a pooled buffer, for a caller that only hands them on (a release's commit): a manifest of 10,000
    /// files is 1.4 MB, and as an array of its own it was a large-object allocation on every release.
    /// </summary>
    internal static PooledBufferWriter SerializePooled(
        ReleaseRecord release, IReadOnlyList<ReleaseFileEntry> files, IReadOnlyList<ReleaseDirectoryEntry> directories, IReadOnlyList<ReleaseConfigEntry> config, out string manifestDigest)
    {
        // The body is written by hand (the bytes the JSON serializer wrote, pinned by ManifestCodecTests): a
        // release of ten thousand files then builds no DTO per file and pays no serializer metadata on a first call.
        // It is written behind room for the envelope's head, which has one length (its digest is 64 hex digits)
        // and is filled in once the body's digest is known: the manifest is never copied.
        var manifest = new PooledBufferWriter(EnvelopeHeadLength + 256 + (files.Count * 160));
        try
        {
            manifest.Advance(EnvelopeHeadLength);
            using (var writer = new Utf8JsonWriter(manifest))
            {
                WriteBody(writer, release, files, directories, config);
            }

            string digestHex = Sha256Hex.Of(manifest.WrittenSpan[EnvelopeHeadLength..]);
            manifestDigest = "sha256:" + digestHex;

            // The envelope as a JSON writer writes it around a raw value (nothing in it needs escaping): its head up
            // to "body":, the body, then '}'.
            Span<byte> head = manifest.WrittenRange(0, EnvelopeHeadLength);
            WrittenHead.CopyTo(head);
            int at = WrittenHead.Length + Encoding.ASCII.GetBytes(digestHex, head[WrittenHead.Length..]);
            Append(head, at, EnvelopeHeadEnd);
            manifest.GetSpan(1)[0] = (byte)'}';
            manifest.Advance(1);
            return manifest;
        }
        catch
        {
            manifest.Dispose();
            throw;
        }
    }

    // A manifest's body, or with no lists a release index's record: camelCase names, null values left out, in the
    // order the serializer wrote them (ManifestCodecTests hold the shape it wrote).
    private static void WriteBody(
        Utf8JsonWriter writer, ReleaseRecord release, IReadOnlyList<ReleaseFileEntry>? files, IReadOnlyList<ReleaseDirectoryEntry>? directories, IReadOnlyList<ReleaseConfigEntry>? config)
    {
        writer.WriteStartObject();
        writer.WriteString("id", release.Id);
        writer.WriteString("app", release.App);
        WriteIfNotNull(writer, "environment", release.Environment);
        writer.WriteString("createdAt", release.CreatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        WriteIfNotNull(writer, "createdBy", release.CreatedBy);
        WriteIfNotNull(writer, "description", release.Description);
        WriteIfNotNull(writer, "commit", release.Commit);
        WriteIfNotNull(writer, "image", release.Image);
        WriteIfNotNull(writer, "imageDigest", release.ImageDigest);
        WriteIfNotNull(writer, "restoredFrom", release.RestoredFrom);
        WriteIfNotNull(writer, "buildDigest", release.BuildDigest);
        WriteIfNotNull(writer, "configDigest", release.ConfigDigest);
        writer.WriteNumber("fileCount", release.FileCount);
        writer.WriteNumber("size", release.Size);
        if (files is not null)
        {
            writer.WriteStartArray("files");
            foreach (ReleaseFileEntry file in files)
            {
                if (TryWritePlainFileEntry(writer, file))
                {
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteString("path", file.Path);
                writer.WriteNumber("size", file.Size);
                WriteIfNotNull(writer, "sha256", file.Sha256);
                writer.WriteNumber("mode", file.Mode);
                WriteIfNotNull(writer, "target", file.LinkTarget);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (config is not null)
        {
            writer.WriteStartArray("config");
            foreach (ReleaseConfigEntry entry in config)
            {
                writer.WriteStartObject();
                writer.WriteString("name", entry.Name);
                writer.WriteBoolean("secret", entry.IsSecret);
                WriteIfNotNull(writer, "value", entry.IsSecret ? null : entry.Value);
                WriteIfNotNull(writer, "hash", entry.ValueHash);
                WriteIfNotNull(writer, "secretvalue", entry.IsSecret && !entry.IsEncrypted ? entry.ProtectedValue : null);
                WriteIfNotNull(writer, "encrypted", entry.IsSecret && entry.IsEncrypted ? entry.ProtectedValue : null);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (directories is { Count: > 0 })
        {
            writer.WriteStartArray("directories");
            foreach (ReleaseDirectoryEntry directory in directories)
            {
                writer.WriteStartObject();
                writer.WriteString("path", directory.Path);
                writer.WriteNumber("mode", directory.Mode);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    // True when the writer writes every character of the text as it is.
    internal static bool IsPlainJson(ReadOnlySpan<char> text) => text.IndexOfAnyExcept(PlainJsonCharacters) < 0;

    // A regular file's entry whose path and digest hold nothing the writer escapes, written as the bytes the writer
    // would write (ManifestCodecTests hold them equal) in one raw value: per entry, five writer calls that each
    // check their text for escaping were most of a manifest's 10 ms for 10,000 files.
    private static bool TryWritePlainFileEntry(Utf8JsonWriter writer, ReleaseFileEntry file)
    {
        if (file.LinkTarget is not null
            || file.Sha256 is not { Length: Sha256Hex.Length } sha
            || file.Path.Length > MaxPlainPathLength
            || !IsPlainJson(file.Path)
            || !IsPlainJson(sha))
        {
            return false;
        }

        Span<byte> entry = stackalloc byte[MaxPlainPathLength + Sha256Hex.Length + 96];
        int length = Append(entry, 0, "{\"path\":\""u8);
        length += Encoding.ASCII.GetBytes(file.Path, entry[length..]);
        length += Append(entry, length, "\",\"size\":"u8);
        Utf8Formatter.TryFormat(file.Size, entry[length..], out int written);
        length += written;
        length += Append(entry, length, ",\"sha256\":\""u8);
        length += Encoding.ASCII.GetBytes(sha, entry[length..]);
        length += Append(entry, length, "\",\"mode\":"u8);
        Utf8Formatter.TryFormat(file.Mode, entry[length..], out written);
        length += written;
        entry[length++] = (byte)'}';
        writer.WriteRawValue(entry[..length], skipInputValidation: true);
        return true;
    }

    private static int Append(Span<byte> destination, int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination[at..]);
        return text.Length;
    }

    private static void WriteIfNotNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Parses a manifest and checks its body against its digest.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a manifest, or the body does not match the digest.</exception>
    internal static ReleaseManifest Parse(byte[] bytes, out bool digestMatches)
    {
        try
        {
            ReadOnlySpan<byte> bodyBytes = Envelope(bytes, out string? format, out string? digest);
            if (format != Format)
            {
                throw new InvalidDataException(CoreStrings.ManifestFormatUnknown);
            }

            if (digest is null)
            {
                throw new InvalidDataException(CoreStrings.ManifestDigestMissing);
            }

            string actual = "sha256:" + Sha256Hex.Of(bodyBytes);
            digestMatches = string.Equals(actual, digest, StringComparison.Ordinal);

            var reader = new Utf8JsonReader(bodyBytes);
            reader.Read();
            var files = new List<ReleaseFileEntry>();
            var config = new List<ReleaseConfigEntry>();
            var directories = new List<ReleaseDirectoryEntry>();
            ReleaseRecord release = ToRecord(ReadBody(ref reader, files, config, directories));
            return new ReleaseManifest(release, files, config, digest) { Directories = directories };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException(CoreStrings.ManifestNotValidJson, ex);
        }
    }

    /// <summary>
    /// Whether a manifest keeps any secret encrypted, read as tokens: the file list is skipped, not built, so the
    /// check a release with secrets makes on the store's latest manifest costs a read, not a parse and two digests.
    /// A manifest laid out exactly as <see cref="Serialize(ReleaseRecord, IReadOnlyList{ReleaseFileEntry}, IReadOnlyList{ReleaseDirectoryEntry}, IReadOnlyList{ReleaseConfigEntry}, out string)"/>
    /// writes it, with one config list, has only that list read (<see cref="TryReadWrittenConfig"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a manifest of this format.</exception>
    internal static bool HasEncryptedConfig(ReadOnlySpan<byte> bytes)
    {
        if (TryReadWrittenConfig(bytes, out bool found))
        {
            return found;
        }

        try
        {
            ReadOnlySpan<byte> body = Envelope(bytes, out string? format, out _);
            if (format != Format)
            {
                throw new InvalidDataException(CoreStrings.ManifestFormatUnknown);
            }

            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidDataException(CoreStrings.ManifestNotValidJson);
            }

            bool encrypted = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isConfig = reader.ValueTextEquals("config"u8);
                reader.Read();
                if (isConfig && reader.TokenType == JsonTokenType.StartArray)
                {
                    encrypted |= ListHasEncrypted(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            return encrypted;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException(CoreStrings.ManifestNotValidJson, ex);
        }
    }

    /// <summary>
    /// The config list of a manifest as this codec writes it, found without reading the 10,000 file entries before
    /// it (twice: the envelope, then the body): the head up to <c>"body":{</c> is this format's with a digest, the
    /// manifest ends <c>}}</c>, and <c>],"config":[</c> occurs once. In JSON text a quote inside a string is always
    /// escaped, so that sequence is never part of a path or description: it is where the file list ends and the
    /// config list starts. Anything else (another writer's spacing, no or two config lists, a list that does not read)
    /// returns false, and the whole manifest is read as tokens. Like the token path, this does not check the digest.
    /// </summary>
    internal static bool TryReadWrittenConfig(ReadOnlySpan<byte> bytes, out bool encrypted)
    {
        encrypted = false;
        ReadOnlySpan<byte> head = WrittenHead;
        ReadOnlySpan<byte> bodyStart = "\",\"body\":{"u8;
        ReadOnlySpan<byte> between = "],\"config\":["u8;
        int bodyAt = head.Length + 64 + bodyStart.Length;
        if (bytes.Length < bodyAt + 2
            || !bytes.StartsWith(head)
            || !Sha256Hex.IsValid(bytes.Slice(head.Length, 64))
            || !bytes[(head.Length + 64)..].StartsWith(bodyStart)
            || !bytes.EndsWith("}}"u8))
        {
            return false;
        }

        ReadOnlySpan<byte> body = bytes[bodyAt..^2];
        int at = body.IndexOf(between);
        if (at < 0 || body.LastIndexOf(between) != at)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(body[(at + between.Length - 1)..]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            encrypted = ListHasEncrypted(ref reader);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    // Reads a config list from its '[' to its ']': true when an entry has an "encrypted" string.
    private static bool ListHasEncrypted(ref Utf8JsonReader reader)
    {
        bool encrypted = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isEncrypted = reader.ValueTextEquals("encrypted"u8);
                reader.Read();
                encrypted |= isEncrypted && reader.TokenType == JsonTokenType.String;
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new InvalidOperationException("The config list ends early.");
        }

        return encrypted;
    }

    /// <summary>
    /// Reads the manifest's outer object as tokens and returns its body's exact bytes (the bytes the digest covers),
    /// without building a document of the whole manifest or turning the body into text and back.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The manifest has no body.</exception>
    private static ReadOnlySpan<byte> Envelope(ReadOnlySpan<byte> bytes, out string? format, out string? digest)
    {
        format = null;
        digest = null;
        int bodyStart = -1;
        int bodyLength = 0;
        var reader = new Utf8JsonReader(bytes);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException(CoreStrings.ManifestNotValidJson);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("format"u8))
            {
                reader.Read();
                format = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("digest"u8))
            {
                reader.Read();
                digest = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("body"u8))
            {
                reader.Read();
                bodyStart = (int)reader.TokenStartIndex;
                reader.Skip();
                bodyLength = (int)reader.BytesConsumed - bodyStart;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Nothing but whitespace may follow the outer object (Read throws on anything else), as when it was parsed whole.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new InvalidDataException(CoreStrings.ManifestNotValidJson);
        }

        if (bodyStart < 0)
        {
            throw new KeyNotFoundException("body");
        }

        return bytes.Slice(bodyStart, bodyLength);
    }

    /// <summary>
    /// Every content digest a manifest refers to (its files' <c>sha256</c>), each once, read as JSON tokens: garbage
    /// collection counts a thousand manifests without building their file lists.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a manifest of this format.</exception>
    internal static HashSet<string> BlobReferences(ReadOnlySpan<byte> bytes)
    {
        var references = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(bytes);
            bool formatSeen = false;
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.CurrentDepth == 1 && reader.ValueTextEquals("format"u8))
                {
                    reader.Read();
                    formatSeen = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(Format);
                    if (!formatSeen)
                    {
                        throw new InvalidDataException(CoreStrings.ManifestFormatUnknown);
                    }
                }
                else if (reader.ValueTextEquals("sha256"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        references.Add(reader.GetString()!);
                    }
                }
            }

            if (!formatSeen)
            {
                throw new InvalidDataException(CoreStrings.ManifestFormatUnknown);
            }

            return references;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(CoreStrings.ManifestNotValidJson, ex);
        }
    }

    /// <summary>Writes a release's record alone (no files, no config), as the release index keeps it.</summary>
    internal static void WriteRecord(Utf8JsonWriter writer, ReleaseRecord release) => WriteBody(writer, release, null, null, null);

    /// <summary>Reads a record written by <see cref="WriteRecord"/>, with the checks a manifest's record gets.</summary>
    /// <exception cref="InvalidDataException">A field is missing or malformed.</exception>
    internal static ReleaseRecord ReadRecord(JsonElement element)
    {
        try
        {
            var reader = new Utf8JsonReader(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element));
            reader.Read();
            return ToRecord(ReadBody(ref reader, null, null, null));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException(CoreStrings.ManifestNotValidJson, ex);
        }
    }

    // Reads a body (the reader on its start) by hand, as the serializer read it: names are case-sensitive,
    // unknown ones are skipped, a repeated one keeps its last value, a null string is null and a null number, flag
    // or wrong token type is an error. The lists go straight into entries, when asked for, with no DTO per file.
    private static RecordFields ReadBody(ref Utf8JsonReader reader, List<ReleaseFileEntry>? files, List<ReleaseConfigEntry>? config, List<ReleaseDirectoryEntry>? directories)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var body = new RecordFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) body.Id = ReadString(ref reader);
            else if (reader.ValueTextEquals("app"u8)) body.App = ReadString(ref reader);
            else if (reader.ValueTextEquals("environment"u8)) body.Environment = ReadString(ref reader);
            else if (reader.ValueTextEquals("createdAt"u8)) body.CreatedAt = ReadString(ref reader);
            else if (reader.ValueTextEquals("createdBy"u8)) body.CreatedBy = ReadString(ref reader);
            else if (reader.ValueTextEquals("description"u8)) body.Description = ReadString(ref reader);
            else if (reader.ValueTextEquals("commit"u8)) body.Commit = ReadString(ref reader);
            else if (reader.ValueTextEquals("image"u8)) body.Image = ReadString(ref reader);
            else if (reader.ValueTextEquals("imageDigest"u8)) body.ImageDigest = ReadString(ref reader);
            else if (reader.ValueTextEquals("restoredFrom"u8)) body.RestoredFrom = ReadString(ref reader);
            else if (reader.ValueTextEquals("buildDigest"u8)) body.BuildDigest = ReadString(ref reader);
            else if (reader.ValueTextEquals("configDigest"u8)) body.ConfigDigest = ReadString(ref reader);
            else if (reader.ValueTextEquals("fileCount"u8)) body.FileCount = ReadInt32(ref reader);
            else if (reader.ValueTextEquals("size"u8)) body.Size = ReadInt64(ref reader);
            else if (files is not null && reader.ValueTextEquals("files"u8)) ReadList(ref reader, files, ReadFile);
            else if (config is not null && reader.ValueTextEquals("config"u8)) ReadList(ref reader, config, ReadConfig);
            else if (directories is not null && reader.ValueTextEquals("directories"u8)) ReadList(ref reader, directories, ReadDirectory);
            else Skip(ref reader);
        }

        Expect(ref reader, JsonTokenType.EndObject);
        return body;
    }

    private delegate T ItemReader<T>(ref Utf8JsonReader reader);

    // A list property: null leaves it empty; a repeated one replaces what came before, as the serializer's did.
    private static void ReadList<T>(ref Utf8JsonReader reader, List<T> items, ItemReader<T> readItem)
    {
        reader.Read();
        items.Clear();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(readItem(ref reader));
        }
    }

    private static ReleaseFileEntry ReadFile(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string? path = null, sha256 = null, target = null;
        long size = 0;
        int mode = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("path"u8)) path = ReadString(ref reader);
            else if (reader.ValueTextEquals("size"u8)) size = ReadInt64(ref reader);
            else if (reader.ValueTextEquals("sha256"u8)) sha256 = ReadString(ref reader);
            else if (reader.ValueTextEquals("mode"u8)) mode = ReadInt32(ref reader);
            else if (reader.ValueTextEquals("target"u8)) target = ReadString(ref reader);
            else Skip(ref reader);
        }

        Expect(ref reader, JsonTokenType.EndObject);
        return new ReleaseFileEntry(Require(path), size, sha256, mode, target);
    }

    private static ReleaseConfigEntry ReadConfig(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string? name = null, value = null, hash = null, secretValue = null, encrypted = null;
        bool secret = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8)) name = ReadString(ref reader);
            else if (reader.ValueTextEquals("secret"u8)) secret = ReadBoolean(ref reader);
            else if (reader.ValueTextEquals("value"u8)) value = ReadString(ref reader);
            else if (reader.ValueTextEquals("hash"u8)) hash = ReadString(ref reader);
            else if (reader.ValueTextEquals("secretvalue"u8)) secretValue = ReadString(ref reader);
            else if (reader.ValueTextEquals("encrypted"u8)) encrypted = ReadString(ref reader);
            else Skip(ref reader);
        }

        Expect(ref reader, JsonTokenType.EndObject);
        return new ReleaseConfigEntry(Require(name), secret, value, hash, encrypted ?? secretValue, encrypted is not null);
    }

    private static ReleaseDirectoryEntry ReadDirectory(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string? path = null;
        int mode = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("path"u8)) path = ReadString(ref reader);
            else if (reader.ValueTextEquals("mode"u8)) mode = ReadInt32(ref reader);
            else Skip(ref reader);
        }

        Expect(ref reader, JsonTokenType.EndObject);
        return new ReleaseDirectoryEntry(Require(path), mode);
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new JsonException(),
        };
    }

    // GetInt32/GetInt64 throw FormatException for a number out of range or with a fraction.
    private static int ReadInt32(ref Utf8JsonReader reader)
    {
        reader.Read();
        Expect(ref reader, JsonTokenType.Number);
        return reader.GetInt32();
    }

    private static long ReadInt64(ref Utf8JsonReader reader)
    {
        reader.Read();
        Expect(ref reader, JsonTokenType.Number);
        return reader.GetInt64();
    }

    private static bool ReadBoolean(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw new JsonException(),
        };
    }

    private static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException();
        }
    }

    private static ReleaseRecord ToRecord(RecordFields body)
    {
        var release = new ReleaseRecord(
            Require(body.Id),
            Require(body.App),
            body.Environment,
            DateTimeOffset.Parse(Require(body.CreatedAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            Require(body.BuildDigest),
            Require(body.ConfigDigest),
            body.Commit,
            body.FileCount,
            body.Size,
            body.Description,
            Require(body.CreatedBy),
            body.Image,
            body.ImageDigest,
            body.RestoredFrom);
        if (!ReleaseNames.IsValidId(release.Id) || !ReleaseNames.IsValidApp(release.App))
        {
            throw new InvalidDataException(CoreStrings.ManifestIdOrAppInvalid);
        }

        return release;
    }

    /// <summary><c>sha256:</c> over one line per entry: path, mode (octal), content digest or link target.</summary>
    internal static string BuildDigest(IReadOnlyList<ReleaseFileEntry> files) => BuildDigest(files, Array.Empty<ReleaseDirectoryEntry>());

    /// <summary>
    /// As <see cref="BuildDigest(IReadOnlyList{ReleaseFileEntry})"/>, plus one line per recorded folder; a build
    /// without such folders keeps the digest it had before folders were recorded.
    /// </summary>
    internal static string BuildDigest(IReadOnlyList<ReleaseFileEntry> files, IReadOnlyList<ReleaseDirectoryEntry> directories)
    {
        using var lines = new DigestLineWriter();
        foreach (ReleaseFileEntry file in InPathOrder(files, f => f.Path))
        {
            if (file.LinkTarget is null)
            {
                lines.Char('F').Char('\0').Text(file.Path).Char('\0').Octal(file.Mode).Char('\0').Decimal(file.Size).Char('\0').Text(file.Sha256).Char('\n');
            }
            else
            {
                lines.Char('L').Char('\0').Text(file.Path).Char('\0').Text(file.LinkTarget).Char('\n');
            }
        }

        foreach (ReleaseDirectoryEntry directory in InPathOrder(directories, d => d.Path))
        {
            lines.Char('D').Char('\0').Text(directory.Path).Char('\0').Octal(directory.Mode).Char('\n');
        }

        return lines.Finish();
    }

    /// <summary><c>sha256:</c> over one line per key: name, and the value or, for a secret, its salted hash.</summary>
    internal static string ConfigDigest(IReadOnlyList<ReleaseConfigEntry> config)
    {
        using var lines = new DigestLineWriter();
        foreach (ReleaseConfigEntry entry in InPathOrder(config, c => c.Name))
        {
            if (entry.IsSecret)
            {
                lines.Char('S').Char('\0').Text(entry.Name).Char('\0').Text(entry.ValueHash).Char('\n');
            }
            else
            {
                lines.Char('P').Char('\0').Text(entry.Name).Char('\0').Text(entry.Value).Char('\n');
            }
        }

        return lines.Finish();
    }

    // Ingestion already hands over its files sorted by path: they are then not sorted again.
    private static IEnumerable<T> InPathOrder<T>(IReadOnlyList<T> items, Func<T, string> key) =>
        OrdinalOrder.IsSorted(items, key) ? items : items.OrderBy(key, StringComparer.Ordinal);

    private static string Require(string? value) => value ?? throw new InvalidDataException(CoreStrings.ManifestFieldMissing);

    // A body's record fields as read; the lists go straight into entries (ReadBody).
    private sealed class RecordFields
    {
        public string? Id { get; set; }

        public string? App { get; set; }

        public string? Environment { get; set; }

        public string? CreatedAt { get; set; }

        public string? CreatedBy { get; set; }

        public string? Description { get; set; }

        public string? Commit { get; set; }

        public string? Image { get; set; }

        public string? ImageDigest { get; set; }

        public string? RestoredFrom { get; set; }

        public string? BuildDigest { get; set; }

        public string? ConfigDigest { get; set; }

        public int FileCount { get; set; }

        public long Size { get; set; }
    }
}

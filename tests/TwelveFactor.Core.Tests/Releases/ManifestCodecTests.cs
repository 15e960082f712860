using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Releases.Stores;
using Xunit;

namespace TwelveFactor.Core.Tests.Releases;

/// <summary>
/// The manifest envelope is read as tokens and the digest checked over the body's exact bytes: these pin that the
/// token reading finds the same body, and refuses the same malformed manifests, as parsing the whole document did.
/// </summary>
public sealed class ManifestCodecTests
{
    private static readonly ReleaseRecord Record = new(
        "v7", "shop", "production", new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero), "sha256:b", "sha256:c",
        "abc123", 1, 5, "a release", "ops@host", null, null, null);

    private static byte[] Manifest(out string digest) => ManifestCodec.Serialize(
        Record,
        new[] { new ReleaseFileEntry("bin/app", 5, new string('a', 64), Convert.ToInt32("755", 8), null) },
        new[] { new ReleaseConfigEntry("PORT", false, "8080", null, null, false) },
        out digest);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static ReleaseManifest Parse(string text, out bool digestMatches) => ManifestCodec.Parse(Encoding.UTF8.GetBytes(text), out digestMatches);

    [Fact]
    public void A_written_manifest_reads_back_with_its_digest()
    {
        byte[] bytes = Manifest(out string digest);

        ReleaseManifest manifest = ManifestCodec.Parse(bytes, out bool matches);

        Assert.True(matches);
        Assert.Equal(digest, manifest.ManifestDigest);
        Assert.Equal(Record, manifest.Release);
        Assert.Equal("bin/app", Assert.Single(manifest.Files).Path);
        Assert.Equal(Convert.ToInt32("755", 8), manifest.Files[0].Mode);
        Assert.Equal("8080", Assert.Single(manifest.Config).Value);
    }

    [Fact]
    public void The_envelope_keys_may_come_in_any_order_with_whitespace_around_them()
    {
        string text = Text(Manifest(out string digest));
        int body = text.IndexOf("\"body\":", StringComparison.Ordinal);
        string bodyValue = text.Substring(body + 7, text.Length - body - 8);
        string reordered = $" {{ \"body\" : {bodyValue} ,\n \"digest\": \"{digest}\", \"extra\": [1, {{\"body\": 2}}], \"format\": \"{ManifestCodec.Format}\" }}\n";

        ReleaseManifest manifest = Parse(reordered, out bool matches);

        Assert.True(matches);
        Assert.Equal("v7", manifest.Release.Id);
    }

    [Fact]
    public void A_byte_changed_inside_the_body_is_a_digest_mismatch_even_when_it_means_the_same_json()
    {
        string text = Text(Manifest(out _));
        string spaced = text.Replace("\"id\":\"v7\"", "\"id\": \"v7\"", StringComparison.Ordinal);
        Assert.NotEqual(text, spaced);

        Parse(spaced, out bool matches);

        Assert.False(matches);
    }

    [Theory]
    [InlineData("trailing", "{0} x")]
    [InlineData("second value", "{0}{0}")]
    [InlineData("array root", "[{0}]")]
    [InlineData("cut short", "{1}")]
    public void A_malformed_envelope_is_refused(string why, string shape)
    {
        string text = Text(Manifest(out _));
        string malformed = shape.Replace("{0}", text, StringComparison.Ordinal).Replace("{1}", text[..^3], StringComparison.Ordinal);

        var ex = Assert.Throws<InvalidDataException>(() => Parse(malformed, out _));
        Assert.False(string.IsNullOrEmpty(ex.Message), why);
    }

    [Fact]
    public void A_manifest_without_a_body_or_with_another_format_is_refused()
    {
        string text = Text(Manifest(out _));
        int body = text.IndexOf(",\"body\":", StringComparison.Ordinal);

        Assert.Throws<InvalidDataException>(() => Parse(text[..body] + "}", out _));
        Assert.Throws<InvalidDataException>(() => Parse(text.Replace(ManifestCodec.Format, "twelvefactor.release/v9", StringComparison.Ordinal), out _));
    }

    [Fact]
    public void A_format_key_inside_the_body_does_not_stand_in_for_the_envelope_format()
    {
        string text = Text(Manifest(out _));
        string moved = text.Replace($"\"format\":\"{ManifestCodec.Format}\",", string.Empty, StringComparison.Ordinal)
            .Replace("\"body\":{", $"\"body\":{{\"format\":\"{ManifestCodec.Format}\",", StringComparison.Ordinal);
        Assert.DoesNotContain($"\"format\":\"{ManifestCodec.Format}\",\"digest\"", moved, StringComparison.Ordinal);

        Assert.Throws<InvalidDataException>(() => Parse(moved, out _));
    }

    [Fact]
    public void Build_and_config_digests_are_the_digests_of_their_defining_text_lines()
    {
        // Unsorted, with a link, folders, non-ASCII and a lone surrogate in paths, a zero mode and a large size.
        var files = new List<ReleaseFileEntry>
        {
            new("z/last.bin", 5_000_000_000, new string('b', 64), Convert.ToInt32("644", 8), null),
            new("bin/app", 12, new string('a', 64), Convert.ToInt32("755", 8), null),
            new("docs/r\u00e9sum\u00e9 \u2713.txt", 0, new string('c', 64), 0, null),
            new("current", 0, null, Convert.ToInt32("777", 8), "bin"),
            new("odd\ud800name", 1, new string('d', 64), Convert.ToInt32("600", 8), null),
        };
        var directories = new List<ReleaseDirectoryEntry> { new("secret", Convert.ToInt32("700", 8)), new("open", Convert.ToInt32("777", 8)) };
        var config = new List<ReleaseConfigEntry>
        {
            new("PORT", false, "8080", null, null, false),
            new("DB_PASSWORD", true, null, "hash-of-it", "protected", false),
            new("EMPTY", false, null, null, null, false),
        };

        string expectedBuild = Digest(
            files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => f.LinkTarget is null
                ? $"F\0{f.Path}\0{Convert.ToString(f.Mode, 8)}\0{f.Size.ToString(CultureInfo.InvariantCulture)}\0{f.Sha256}\n"
                : $"L\0{f.Path}\0{f.LinkTarget}\n")
            .Concat(directories.OrderBy(d => d.Path, StringComparer.Ordinal).Select(d => $"D\0{d.Path}\0{Convert.ToString(d.Mode, 8)}\n")));
        string expectedConfig = Digest(config.OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.IsSecret ? $"S\0{c.Name}\0{c.ValueHash}\n" : $"P\0{c.Name}\0{c.Value}\n"));

        Assert.Equal(expectedBuild, ManifestCodec.BuildDigest(files, directories));
        Assert.Equal(expectedBuild, ManifestCodec.BuildDigest(files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList(), directories));
        Assert.Equal(expectedConfig, ManifestCodec.ConfigDigest(config));
        Assert.NotEqual(expectedBuild, ManifestCodec.BuildDigest(files.Skip(1).ToList(), directories));
    }

    private static string Digest(IEnumerable<string> lines)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string line in lines)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(line));
        }

        return "sha256:" + Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    [Fact]
    public void Encrypted_secrets_are_found_by_reading_the_manifest_as_tokens()
    {
        var files = new[] { new ReleaseFileEntry("app", 1, new string('a', 64), Convert.ToInt32("644", 8), null) };
        byte[] plain = ManifestCodec.Serialize(Record, files, new[] { new ReleaseConfigEntry("TOKEN", true, null, "h", "plain-secret", false) }, out _);
        byte[] encrypted = ManifestCodec.Serialize(Record, files, new[]
        {
            new ReleaseConfigEntry("PORT", false, "8080", null, null, false),
            new ReleaseConfigEntry("TOKEN", true, null, "h", "bm9uY2UtY2lwaGVy", true),
        }, out _);

        Assert.False(ManifestCodec.HasEncryptedConfig(plain));
        Assert.True(ManifestCodec.HasEncryptedConfig(encrypted));
        Assert.Equal(ManifestCodec.Parse(encrypted, out _).Config.Any(c => c.IsEncrypted), ManifestCodec.HasEncryptedConfig(encrypted));

        // A file named "encrypted" or a description mentioning it does not count; a broken manifest is refused.
        byte[] decoy = ManifestCodec.Serialize(Record with { Description = "\"encrypted\": \"x\"" }, new[] { new ReleaseFileEntry("encrypted", 1, new string('a', 64), 420, null) }, Array.Empty<ReleaseConfigEntry>(), out _);
        Assert.False(ManifestCodec.HasEncryptedConfig(decoy));
        Assert.Throws<InvalidDataException>(() => ManifestCodec.HasEncryptedConfig(encrypted.AsSpan(0, encrypted.Length - 5)));
    }

    [Fact]
    public void A_manifest_as_written_has_only_its_config_list_read_and_gets_the_token_readers_answer()
    {
        // Paths and a description that spell the config list's own markers: inside JSON strings their quotes are
        // escaped, so they never look like the list.
        const string Lure = "],\"config\":[{\"encrypted\":\"x\"}]";
        var files = new[]
        {
            new ReleaseFileEntry("app/" + Lure, 1, new string('a', 64), 420, null),
            new ReleaseFileEntry("link", 0, null, 41471, Lure),
        };
        foreach (bool withEncrypted in new[] { false, true })
        {
            var config = new[]
            {
                new ReleaseConfigEntry("PORT", false, Lure, null, null, false),
                new ReleaseConfigEntry("TOKEN", true, null, "h", withEncrypted ? "bm9uY2UtY2lwaGVy" : "plain-secret", withEncrypted),
            };
            byte[] written = ManifestCodec.Serialize(Record with { Description = Lure }, files, config, out _);
            Assert.True(ManifestCodec.TryReadWrittenConfig(written, out bool fast));
            Assert.Equal(withEncrypted, fast);

            // The same manifest indented (another writer's layout) is declined and read whole, to the same answer.
            byte[] indented = Indented(written);
            Assert.False(ManifestCodec.TryReadWrittenConfig(indented, out _));
            Assert.Equal(withEncrypted, ManifestCodec.HasEncryptedConfig(indented));
            Assert.Equal(withEncrypted, ManifestCodec.HasEncryptedConfig(written));
        }

        // No config list, an empty one, two lists, a list cut short, a damaged head or tail: declined.
        byte[] none = ManifestCodec.Serialize(Record, files, Array.Empty<ReleaseConfigEntry>(), out _);
        Assert.True(ManifestCodec.TryReadWrittenConfig(none, out bool empty));
        Assert.False(empty);
        byte[] one = ManifestCodec.Serialize(Record, files, new[] { new ReleaseConfigEntry("TOKEN", true, null, "h", "bm9uY2UtY2lwaGVy", true) }, out _);
        string text = System.Text.Encoding.UTF8.GetString(one);
        int list = text.IndexOf("],\"config\":[", StringComparison.Ordinal);
        byte[] twice = System.Text.Encoding.UTF8.GetBytes(text.Insert(list + 1, ",\"files2\":[],\"config\":[]"));
        Assert.False(ManifestCodec.TryReadWrittenConfig(twice, out _));
        Assert.True(ManifestCodec.HasEncryptedConfig(twice));
        byte[] cut = System.Text.Encoding.UTF8.GetBytes(text.Remove(text.LastIndexOf(']') - 1, 1));
        Assert.False(ManifestCodec.TryReadWrittenConfig(cut, out _));
        Assert.Throws<InvalidDataException>(() => ManifestCodec.HasEncryptedConfig(cut));
        Assert.False(ManifestCodec.TryReadWrittenConfig(System.Text.Encoding.UTF8.GetBytes(text.Replace("twelvefactor.release/v1", "twelvefactor.release/v2")), out _));
        Assert.False(ManifestCodec.TryReadWrittenConfig(one.AsSpan(0, one.Length - 1), out _));
    }

    private static byte[] Indented(byte[] manifest)
    {
        using var document = System.Text.Json.JsonDocument.Parse(manifest);
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(output, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            document.WriteTo(writer);
        }

        return output.WrittenSpan.ToArray();
    }

    [Fact]
    public void The_hand_written_body_is_byte_for_byte_what_the_serializer_writes()
    {
        // Escaping (non-ASCII, HTML-sensitive characters, quotes), absent values, links, folders and both kinds of secret.
        var record = Record with { Description = "<b>caf\u00e9</b> & 'quotes' \"here\" + \u2713", Environment = null, Image = "registry/app:1", RestoredFrom = "v3" };
        var files = new List<ReleaseFileEntry>
        {
            new("bin/app", 12, new string('a', 64), Convert.ToInt32("755", 8), null),
            new("current", 0, null, Convert.ToInt32("777", 8), "bin"),
        };

        // Regular files are written in one raw value when nothing in them needs escaping: every ASCII character
        // and two others in a path, a path longer than that path takes, a digest that is not lower-case hex.
        files.AddRange(Enumerable.Range(0, 128).Select(c => (char)c).Append('\u00e9').Append('\u2713')
            .Select((c, i) => new ReleaseFileEntry("d/p" + c + "q", i * 1000L, new string('b', 64), Convert.ToInt32("644", 8), null)));
        files.Add(new ReleaseFileEntry(new string('x', 1500), long.MaxValue, new string('c', 64), 0, null));
        files.Add(new ReleaseFileEntry("odd-digest", 1, "ABC+<>", 0, null));
        var directories = new List<ReleaseDirectoryEntry> { new("secret", Convert.ToInt32("700", 8)) };
        var config = new List<ReleaseConfigEntry>
        {
            new("PORT", false, "8080", null, null, false),
            new("TOKEN", true, "ignored", "h1", "plain", false),
            new("KEY", true, null, "h2", "c2VhbGVk", true),
        };

        var body = new ManifestBodyShape.Body
        {
            Id = record.Id, App = record.App, Environment = record.Environment,
            CreatedAt = record.CreatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            CreatedBy = record.CreatedBy, Description = record.Description, Commit = record.Commit, Image = record.Image,
            ImageDigest = record.ImageDigest, RestoredFrom = record.RestoredFrom, BuildDigest = record.BuildDigest,
            ConfigDigest = record.ConfigDigest, FileCount = record.FileCount, Size = record.Size,
            Files = files.Select(f => new ManifestBodyShape.File { Path = f.Path, Size = f.Size, Sha256 = f.Sha256, Mode = f.Mode, Target = f.LinkTarget }).ToList(),
            Directories = directories.Select(d => new ManifestBodyShape.Directory { Path = d.Path, Mode = d.Mode }).ToList(),
            Config = config.Select(c => new ManifestBodyShape.Config
            {
                Name = c.Name, Secret = c.IsSecret, Value = c.IsSecret ? null : c.Value, Hash = c.ValueHash,
                Secretvalue = c.IsSecret && !c.IsEncrypted ? c.ProtectedValue : null, Encrypted = c.IsSecret && c.IsEncrypted ? c.ProtectedValue : null,
            }).ToList(),
        };
        string expected = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(body, ManifestJsonContext.Default.Body));

        string manifest = Text(ManifestCodec.Serialize(record, files, directories, config, out string digest));

        Assert.Equal($"{{\"format\":\"{ManifestCodec.Format}\",\"digest\":\"{digest}\",\"body\":{expected}}}", manifest);
        Assert.Contains("\\u003Cb\\u003E", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored", manifest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reordered, unknown and repeated names", "{\"size\":5,\"files\":[{\"mode\":420,\"path\":\"a\",\"x\":[1,{\"y\":2}],\"sha256\":\"S\",\"size\":3}],\"id\":\"v1\",\"id\":\"v7\",\"app\":\"shop\",\"createdAt\":\"2026-11-29T12:00:00.0000000+00:00\",\"createdBy\":\"ops\",\"buildDigest\":\"sha256:b\",\"configDigest\":\"sha256:c\",\"fileCount\":1,\"config\":[{\"secret\":true,\"name\":\"K\",\"hash\":\"h\",\"encrypted\":\"e\"},{\"name\":\"P\",\"value\":\"1\",\"secret\":false}],\"directories\":[{\"path\":\"d\",\"mode\":448}]}")]
    [InlineData("nulls and escapes", "{\"id\":\"v7\",\"app\":\"shop\",\"environment\":null,\"description\":\"caf\\u00e9 \\\"q\\\"\",\"createdAt\":\"2026-11-29T12:00:00Z\",\"createdBy\":\"ops\",\"buildDigest\":\"sha256:b\",\"configDigest\":\"sha256:c\",\"fileCount\":0,\"size\":0,\"files\":null,\"config\":[],\"directories\":null}")]
    [InlineData("a list given twice", "{\"id\":\"v7\",\"app\":\"shop\",\"createdAt\":\"2026-11-29T12:00:00Z\",\"createdBy\":\"ops\",\"buildDigest\":\"sha256:b\",\"configDigest\":\"sha256:c\",\"files\":[{\"path\":\"one\",\"size\":1,\"mode\":0}],\"files\":[{\"path\":\"two\",\"size\":2,\"mode\":0}]}")]
    public void A_body_reads_as_the_serializer_read_it(string why, string body)
    {
        ReleaseManifest manifest = Parse(Envelope(body), out bool matches);
        ManifestBodyShape.Body expected = JsonSerializer.Deserialize(body, ManifestJsonContext.Default.Body)!;

        Assert.True(matches, why);
        Assert.Equal(expected.Id, manifest.Release.Id);
        Assert.Equal(expected.Environment, manifest.Release.Environment);
        Assert.Equal(expected.Description, manifest.Release.Description);
        Assert.Equal(expected.FileCount, manifest.Release.FileCount);
        Assert.Equal(expected.Size, manifest.Release.Size);
        Assert.Equal(
            (expected.Files ?? new()).Select(f => new ReleaseFileEntry(f.Path!, f.Size, f.Sha256, f.Mode, f.Target)),
            manifest.Files);
        Assert.Equal(
            (expected.Config ?? new()).Select(c => (c.Name!, c.Secret, c.Value, c.Hash, c.Encrypted ?? c.Secretvalue, c.Encrypted is not null)),
            manifest.Config.Select(c => (c.Name, c.IsSecret, c.Value, c.ValueHash, c.ProtectedValue, c.IsEncrypted)));
        Assert.Equal(
            (expected.Directories ?? new()).Select(d => new ReleaseDirectoryEntry(d.Path!, d.Mode)),
            manifest.Directories);
    }

    [Theory]
    [InlineData("\"fileCount\":null")]
    [InlineData("\"fileCount\":\"1\"")]
    [InlineData("\"size\":1.5")]
    [InlineData("\"size\":99999999999999999999")]
    [InlineData("\"files\":{}")]
    [InlineData("\"files\":[{\"size\":1,\"mode\":0}]")]
    [InlineData("\"config\":[{\"name\":\"K\",\"secret\":\"yes\"}]")]
    [InlineData("\"id\":7")]
    public void A_body_the_serializer_refused_is_refused(string field)
    {
        string body = "{\"id\":\"v7\",\"app\":\"shop\",\"createdAt\":\"2026-11-29T12:00:00Z\",\"createdBy\":\"ops\",\"buildDigest\":\"sha256:b\",\"configDigest\":\"sha256:c\"," + field + "}";
        bool serializerRefused;
        try
        {
            ManifestBodyShape.Body dto = JsonSerializer.Deserialize(body, ManifestJsonContext.Default.Body)!;
            serializerRefused = (dto.Files ?? new()).Any(f => f.Path is null) || (dto.Config ?? new()).Any(c => c.Name is null);
        }
        catch (JsonException)
        {
            serializerRefused = true;
        }

        Assert.True(serializerRefused, field);
        Assert.Throws<InvalidDataException>(() => Parse(Envelope(body), out _));
    }

    private static string Envelope(string body) =>
        $"{{\"format\":\"{ManifestCodec.Format}\",\"digest\":\"sha256:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body))).ToLowerInvariant()}\",\"body\":{body}}}";

    [Fact]
    public void Plain_json_characters_are_printable_ascii_but_what_the_writer_escapes()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            bool expected = c is >= 0x20 and < 0x7F && "\"\\<>&'+`".IndexOf((char)c) < 0;
            Assert.True(expected == ManifestCodec.IsPlainJson(((char)c).ToString()), $"U+{c:X4}");
        }

        Assert.True(ManifestCodec.IsPlainJson("app/bin/My App-1.2_(x64).dll"));
        Assert.False(ManifestCodec.IsPlainJson("app/it's"));
        Assert.True(ManifestCodec.IsPlainJson(string.Empty));
    }

    [Fact]
    public void A_digest_is_64_lower_case_hex_digits_as_text_and_as_bytes()
    {
        string valid = "0123456789abcdef".PadRight(64, 'a');
        Assert.True(Sha256Hex.IsValid(valid.AsSpan()));
        Assert.True(Sha256Hex.IsValid(System.Text.Encoding.ASCII.GetBytes(valid)));
        Assert.False(Sha256Hex.IsValid(valid[..63].AsSpan()));
        Assert.False(Sha256Hex.IsValid((valid + "a").AsSpan()));
        for (int c = 0; c < 256; c++)
        {
            string one = (char)c + valid[1..];
            bool expected = "0123456789abcdef".IndexOf((char)c) >= 0;
            Assert.True(expected == Sha256Hex.IsValid(one.AsSpan()), $"char {c}");
            Assert.True(expected == Sha256Hex.IsValid(System.Text.Encoding.Latin1.GetBytes(one)), $"byte {c}");
        }

        Assert.False(Sha256Hex.IsValid(("\u0660" + valid[1..]).AsSpan()));
    }
}

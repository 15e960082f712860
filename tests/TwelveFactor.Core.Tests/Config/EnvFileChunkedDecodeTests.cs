using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

/// <summary>
/// Large env files are decoded in chunks straight into one string (EnvFileCodec.TryDecodeInChunks): it must give
/// exactly what decoding the whole file gives, and hand every file it cannot decode, or that changed between its two
/// reads, back to the whole-file decoder (null), so the user gets the same text or the same error either way.
/// </summary>
public sealed class EnvFileChunkedDecodeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tf-chunked-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, bool> Texts => new()
    {
        { "A=1\nB=two words\n", false },
        { "A=1\nB=two words\n", true },
        { string.Empty, false },
        { string.Empty, true },
        // Two-, three- and four-byte sequences at every offset against the small chunks below.
        { "K=\u00e9\u00e9\u00e9\u4e2d\u6587\U0001F600\U0001F600x\nL='\u00fc\U0001F680'\n", false },
        { string.Concat(Enumerable.Repeat("KEY_\u00e9=\"v\U0001F600l\\n\"\n", 50)), true },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void ChunksGiveWhatTheWholeFileGives(string text, bool bom)
    {
        byte[] bytes = Bytes(text, bom);
        foreach (int chunk in new[] { 4, 5, 6, 7, 64, 1 << 20 })
        {
            EnvFileText? decoded = Decode(bytes, chunk);
            Assert.NotNull(decoded);
            EnvFileText whole = EnvFileCodec.Decode(bytes, null);
            Assert.Equal(whole.Text, decoded!.Text);
            Assert.Equal(whole.HasBom, decoded.HasBom);
        }
    }

    [Theory]
    [InlineData(new byte[] { (byte)'A', (byte)'=', (byte)'1', (byte)'\n', (byte)'B', (byte)'=', 0 }, "NUL in a later chunk")]
    [InlineData(new byte[] { (byte)'A', (byte)'=', (byte)'1', (byte)'\n', (byte)'B', (byte)'=', 0xC3, 0xFF }, "invalid sequence")]
    [InlineData(new byte[] { (byte)'A', (byte)'=', (byte)'1', (byte)'\n', (byte)'B', (byte)'=', 0xE4, 0xB8 }, "cut off at the end")]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'A', 0, (byte)'=', 0, (byte)'1', 0 }, "UTF-16 with a BOM")]
    [InlineData(new byte[] { (byte)'A', 0, (byte)'=', 0, (byte)'1', 0, (byte)'\n', 0 }, "UTF-16 without a BOM")]
    [InlineData(new byte[] { (byte)'A', (byte)'=', 0xED, 0xA0, 0x80, (byte)'\n' }, "an encoded surrogate")]
    public void WhatTheWholeFileDecoderRefusesIsHandedBack(byte[] bytes, string why)
    {
        Assert.Throws<EnvFileSyntaxException>(() => EnvFileCodec.Decode(bytes, null));
        foreach (int chunk in new[] { 4, 5, 1 << 20 })
        {
            Assert.True(Decode(bytes, chunk) is null, why);
        }
    }

    [Fact]
    public void AFileThatIsNotTheLengthCountedIsHandedBack()
    {
        byte[] bytes = Bytes("A=1\nB=2\nC=3\n", bom: false);
        string path = Write(bytes);
        using SafeFileHandle handle = File.OpenHandle(path);

        // Shorter than said (it shrank), longer than said (it grew): either way, not decoded here.
        Assert.Null(EnvFileCodec.TryDecodeInChunks(handle, bytes.Length + 5, 4));
        Assert.Null(EnvFileCodec.TryDecodeInChunks(handle, bytes.Length - 2, 4));
        Assert.Equal("A=1\nB=2\nC=3\n", EnvFileCodec.TryDecodeInChunks(handle, bytes.Length, 4)!.Text);
    }

    [Fact]
    public void TheReaderGivesTheSameEntriesAndErrorsWithOrWithoutChunks()
    {
        string good = Write(Bytes("# c\nA=1\nexport B='x y' # note\nC=\"a\\nb\"\nD=${A}-\u00e9\n", bom: true));
        EnvDocument chunked = EnvFileReader.Read(good, chunkedFromBytes: 0, out EnvFileText chunkedText);
        EnvDocument whole = EnvFileReader.Read(good, chunkedFromBytes: long.MaxValue, out EnvFileText wholeText);
        Assert.Equal(wholeText, chunkedText);
        Assert.Equal(whole.Render(), chunked.Render());
        Assert.Equal(whole.Entries.Select(e => (e.Key, e.Value)), chunked.Entries.Select(e => (e.Key, e.Value)));

        string bad = Write(new byte[] { (byte)'A', (byte)'=', (byte)'1', (byte)'\n', (byte)'B', (byte)'=', 0xC3, 0xA9, 0xFF, (byte)'\n' });
        var fromChunks = Assert.Throws<ConfigFileException>(() => EnvFileReader.Read(bad, chunkedFromBytes: 0, out _));
        var fromWhole = Assert.Throws<ConfigFileException>(() => EnvFileReader.Read(bad, chunkedFromBytes: long.MaxValue, out _));
        Assert.Equal(fromWhole.Message, fromChunks.Message);
        Assert.Contains(":2:4:", fromChunks.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_no_length_up_front_is_read_to_its_end()
    {
        // A named pipe (what `Get-TfConfig -Path <(...)` gives) reports length 0: it is read to its end, not as empty.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string fifo = Path.Combine(_dir, "pipe.env");
        System.Diagnostics.Process.Start("mkfifo", fifo)!.WaitForExit();
        var writer = Task.Run(() => File.WriteAllText(fifo, "A=1\nB='two'\n"));
        EnvDocument document = EnvFileReader.Read(fifo, chunkedFromBytes: 0, out _);
        await writer;
        Assert.Equal(new[] { ("A", "1"), ("B", "two") }, document.Entries.Select(e => (e.Key, e.Value!)));
    }

    private static byte[] Bytes(string text, bool bom) =>
        (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : Array.Empty<byte>()).Concat(Encoding.UTF8.GetBytes(text)).ToArray();

    private EnvFileText? Decode(byte[] bytes, int chunk)
    {
        using SafeFileHandle handle = File.OpenHandle(Write(bytes));
        return EnvFileCodec.TryDecodeInChunks(handle, bytes.Length, chunk);
    }

    private string Write(byte[] bytes)
    {
        string path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".env");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

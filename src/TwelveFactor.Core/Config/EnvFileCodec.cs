using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Config;

/// <summary>
/// Turns an env file's bytes into text and back: strict UTF-8, the byte order mark kept aside and restored,
/// binary files refused. <c>Encode(Decode(bytes))</c> gives back the same bytes for every file it accepts.
/// </summary>
public static class EnvFileCodec
{
    private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes a file's bytes.</summary>
    /// <exception cref="EnvFileSyntaxException">The file holds a NUL byte (it is binary) or is not valid UTF-8;
    /// the location is that of the first offending byte.</exception>
    public static EnvFileText Decode(byte[] bytes, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        // UTF-16 (what Windows PowerShell 5.1's '>' and Out-File write) starts with FF FE or FE FF, or, without a
        // BOM, has a NUL in every other byte of ASCII text: say so, rather than "binary".
        if (LooksLikeUtf16(bytes))
        {
            throw new EnvFileSyntaxException(fileName, 1, 1, CoreStrings.EnvUtf16File);
        }

        bool hasBom = bytes.AsSpan().StartsWith(Bom);
        ReadOnlySpan<byte> body = bytes.AsSpan(hasBom ? Bom.Length : 0);

        int nul = body.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw Error(body, nul, fileName, CoreStrings.EnvBinaryFile, null);
        }

        try
        {
            return new EnvFileText(Strict.GetString(body), hasBom);
        }
        catch (DecoderFallbackException ex)
        {
            throw Error(body, FirstInvalidByte(body), fileName, CoreStrings.EnvInvalidUtf8, ex);
        }
    }

    /// <summary>
    /// Decodes an open file's <paramref name="length"/> bytes in chunks, straight into one string of the exact
    /// length: the file's bytes are never held whole (for a 50 MB file, 50 MB less at the peak). The file is read
    /// twice (its characters are counted first); null when it holds anything <see cref="Decode"/> refuses or it
    /// changed between the reads, so the caller decodes its bytes whole and gets that method's error or result.
    /// </summary>
    internal static EnvFileText? TryDecodeInChunks(SafeFileHandle file, long length, int chunkBytes = 1 << 20)
    {
        // A chunk holds at least one whole UTF-8 sequence (4 bytes) and the 64 bytes the UTF-16 check looks at.
        chunkBytes = Math.Max(chunkBytes, 4);
        if (length > int.MaxValue)
        {
            return null;
        }

        byte[] chunk = ArrayPool<byte>.Shared.Rent(Math.Max(chunkBytes, 64));
        try
        {
            // The first bytes decide the BOM and the UTF-16 refusal, as Decode does with the whole file.
            int head = HandleReads.Fill(file, chunk.AsSpan(0, (int)Math.Min(length, 64)), 0);
            if (LooksLikeUtf16(chunk.AsSpan(0, head)))
            {
                return null;
            }

            bool hasBom = chunk.AsSpan(0, head).StartsWith(Bom);
            long start = hasBom ? Bom.Length : 0;

            // Chunks end between characters (ReadChunk), so each one decodes on its own, strictly.
            long chars = 0;
            long offset = start;
            bool last;
            do
            {
                int got = ReadChunk(file, chunk.AsSpan(0, chunkBytes), ref offset, length, out last);
                if (got < 0 || chunk.AsSpan(0, got).Contains((byte)0))
                {
                    return null;
                }

                chars += Strict.GetCharCount(chunk.AsSpan(0, got));
                if (chars > int.MaxValue)
                {
                    return null;
                }
            }
            while (!last);

            bool same = true;
            string text = string.Create((int)chars, (file, chunk, chunkBytes, start, length), (span, read) =>
            {
                int written = 0;
                long at = read.start;
                bool end;
                do
                {
                    int got = ReadChunk(read.file, read.chunk.AsSpan(0, read.chunkBytes), ref at, read.length, out end);
                    if (got < 0 || read.chunk.AsSpan(0, got).Contains((byte)0))
                    {
                        same = false;
                        return;
                    }

                    // Text that changed since it was counted and no longer fits throws (ArgumentException).
                    written += Strict.GetChars(read.chunk.AsSpan(0, got), span[written..]);
                }
                while (!end);

                same = written == span.Length;
            });
            return same ? new EnvFileText(text, hasBom) : null;
        }
        catch (Exception ex) when (ex is DecoderFallbackException or ArgumentException)
        {
            return null; // invalid UTF-8, or text that no longer fits what was counted
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    // Reads the next chunk at offset into buffer, up to its last whole UTF-8 character unless it is the file's last
    // chunk; -1 when the file ends early or runs on past length (a file that changed is then read again whole).
    private static int ReadChunk(SafeFileHandle file, Span<byte> buffer, ref long offset, long length, out bool last)
    {
        int want = (int)Math.Min(buffer.Length, length - offset);
        int got = HandleReads.Fill(file, buffer[..want], offset);
        last = offset + got >= length;
        if (got < want)
        {
            return -1;
        }

        if (last)
        {
            offset += got;
            return HandleReads.EndsAt(file, offset) ? got : -1;
        }

        got -= IncompleteTail(buffer[..got]);
        offset += got;
        return got;
    }

    // How many bytes at the end of the span start a UTF-8 sequence that the span cuts short (0 to 3).
    private static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (int back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            byte b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // a continuation byte: its lead is further back
            }

            int needs = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needs > back ? back : 0;
        }

        return 0; // three continuation bytes in a row: whole, or invalid for the decoder to refuse
    }

    private static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return true;
        }

        // Without a BOM: ASCII text in UTF-16 has a zero in every other byte of its first characters.
        int sample = Math.Min(bytes.Length, 64) & ~1;
        if (sample < 4)
        {
            return false;
        }

        int zeroOdd = 0;
        int zeroEven = 0;
        for (int i = 0; i < sample; i += 2)
        {
            zeroEven += bytes[i] == 0 ? 1 : 0;
            zeroOdd += bytes[i + 1] == 0 ? 1 : 0;
        }

        int pairs = sample / 2;
        return (zeroOdd == pairs && zeroEven == 0) || (zeroEven == pairs && zeroOdd == 0);
    }

    /// <summary>Encodes text as UTF-8, with the byte order mark when the text came with one.</summary>
    /// <exception cref="ArgumentException">The text holds an unpaired surrogate, which UTF-8 cannot represent.</exception>
    public static byte[] Encode(EnvFileText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int count;
        try
        {
            count = Strict.GetByteCount(text.Text);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException(CoreStrings.EnvUnpairedSurrogate, nameof(text), ex);
        }

        int offset = text.HasBom ? Bom.Length : 0;
        var bytes = new byte[offset + count];
        Bom.AsSpan(0, offset).CopyTo(bytes);
        Strict.GetBytes(text.Text, 0, text.Text.Length, bytes, offset);
        return bytes;
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> body)
    {
        var chars = new char[Math.Min(body.Length, 4096)];
        int offset = 0;
        while (offset < body.Length)
        {
            var status = Utf8.ToUtf16(body[offset..], chars, out int read, out _, replaceInvalidSequences: false);
            offset += read;
            if (status is System.Buffers.OperationStatus.InvalidData or System.Buffers.OperationStatus.NeedMoreData)
            {
                return offset;
            }

            if (status == System.Buffers.OperationStatus.Done)
            {
                break;
            }
        }

        return offset;
    }

    // Line and column (in UTF-16 units) of byte 'index', counting only the valid text before it.
    private static EnvFileSyntaxException Error(
        ReadOnlySpan<byte> body, int index, string? fileName, string reason, Exception? inner)
    {
        ReadOnlySpan<byte> before = body[..index];
        int line = before.Count((byte)'\n') + 1;
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        int column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return new EnvFileSyntaxException(fileName, line, column, reason, inner);
    }
}

using System;
using System.Text;
using System.Text.Unicode;
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

    private static bool LooksLikeUtf16(byte[] bytes)
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

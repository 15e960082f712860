using System;
using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using TwelveFactor.Core.Releases.Stores;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// Feeds the lines of a build or config digest to SHA-256 through one pooled buffer: the digest covers ten
/// thousand lines on every release, where a string and a byte array per line were most of its cost. The bytes are
/// exactly the UTF-8 of the text lines the digests are defined by (see <see cref="ManifestCodec.BuildDigest(System.Collections.Generic.IReadOnlyList{ReleaseFileEntry}, System.Collections.Generic.IReadOnlyList{ReleaseDirectoryEntry})"/>).
/// </summary>
internal sealed class DigestLineWriter : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int _used;

    /// <summary>Appends one ASCII character.</summary>
    internal DigestLineWriter Char(char ascii)
    {
        Reserve(1);
        _buffer[_used++] = (byte)ascii;
        return this;
    }

    /// <summary>Appends text as UTF-8 (a lone surrogate becomes U+FFFD, as <see cref="Encoding.UTF8"/> writes it).</summary>
    internal DigestLineWriter Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return this;
        }

        Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        _used += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_used));
        return this;
    }

    /// <summary>Appends a number in decimal, as <c>long.ToString(CultureInfo.InvariantCulture)</c> writes it.</summary>
    internal DigestLineWriter Decimal(long value)
    {
        Reserve(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_used), out int written);
        _used += written;
        return this;
    }

    /// <summary>Appends a non-negative number in octal, as <c>Convert.ToString(value, 8)</c> writes it.</summary>
    internal DigestLineWriter Octal(int value)
    {
        // Convert.ToString(int, 8) writes a negative number's two's complement; modes are never negative.
        Span<byte> digits = stackalloc byte[11];
        int start = digits.Length;
        uint rest = (uint)value;
        do
        {
            digits[--start] = (byte)('0' + (rest & 7));
            rest >>= 3;
        }
        while (rest != 0);

        Reserve(digits.Length - start);
        digits[start..].CopyTo(_buffer.AsSpan(_used));
        _used += digits.Length - start;
        return this;
    }

    /// <summary>The digest of everything appended, as <c>sha256:</c> and lowercase hex.</summary>
    internal string Finish()
    {
        Flush();
        return "sha256:" + Sha256Hex.Format(_hash.GetHashAndReset());
    }

    public void Dispose()
    {
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = Array.Empty<byte>();
    }

    private void Reserve(int bytes)
    {
        if (_used + bytes <= _buffer.Length)
        {
            return;
        }

        Flush();
        if (bytes > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(bytes);
        }
    }

    private void Flush()
    {
        _hash.AppendData(_buffer, 0, _used);
        _used = 0;
    }
}

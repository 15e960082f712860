using System;
using System.Buffers;
using System.Security.Cryptography;

namespace TwelveFactor.Core.Releases.Stores;

/// <summary>SHA-256 digests as the store names them: 64 lower-case hex characters.</summary>
internal static class Sha256Hex
{
    /// <summary>How many characters a digest has.</summary>
    internal const int Length = 64;

    internal static string Of(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        return Format(hash);
    }

    internal static string Format(ReadOnlySpan<byte> hash) => Convert.ToHexString(hash).ToLowerInvariant();

    /// <summary>True for a well-formed digest, so a name read from disk or a URL cannot smuggle a path.</summary>
    internal static bool IsValid(string? value) => value is not null && IsValid(value.AsSpan());

    // Both checks are scalar loops over 64 characters: compiled ahead of time with the module, where a SearchValues
    // search is generic code the JIT compiled at a session's first release (and 64 characters gain nothing from it).

    /// <summary>True for exactly 64 lowercase hex characters.</summary>
    internal static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.Length != Length)
        {
            return false;
        }

        foreach (char c in value)
        {
            if ((uint)(c - '0') > 9 && (uint)(c - 'a') > 5)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for exactly 64 lowercase hex characters, as ASCII bytes.</summary>
    internal static bool IsValid(ReadOnlySpan<byte> value)
    {
        if (value.Length != Length)
        {
            return false;
        }

        foreach (byte b in value)
        {
            if ((uint)(b - '0') > 9 && (uint)(b - 'a') > 5)
            {
                return false;
            }
        }

        return true;
    }
}

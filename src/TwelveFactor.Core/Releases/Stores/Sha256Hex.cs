using System;
using System.Buffers;
using System.Security.Cryptography;

namespace TwelveFactor.Core.Releases.Stores;

/// <summary>SHA-256 digests as the store names them: 64 lower-case hex characters.</summary>
internal static class Sha256Hex
{
    // Vectorised searches: a release checks every digest of its stat cache, 10,000 for a 10,000-file build (as
    // scalar loops, 3 % of a warm release's samples).
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");
    private static readonly SearchValues<byte> LowerHexBytes = SearchValues.Create("0123456789abcdef"u8);

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

    /// <summary>True for exactly 64 lowercase hex characters.</summary>
    internal static bool IsValid(ReadOnlySpan<char> value) => value.Length == Length && value.IndexOfAnyExcept(LowerHex) < 0;

    /// <summary>True for exactly 64 lowercase hex characters, as ASCII bytes.</summary>
    internal static bool IsValid(ReadOnlySpan<byte> value) => value.Length == Length && value.IndexOfAnyExcept(LowerHexBytes) < 0;
}

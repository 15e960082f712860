using System;
using System.Buffers;
using System.Text;

namespace TwelveFactor.Core.Foundation.Secrets;

/// <summary>
/// Decides whether a config value is a secret: marked so in its file, named like one, or a value that holds a
/// credential (a URL password, a credential query parameter or connection-string property, a private key: see
/// <see cref="SecretValueMasker"/>). Secret values are masked everywhere TwelveFactor shows them unless the user
/// asks for plain text.
/// </summary>
public static class SecretClassifier
{
    /// <summary>What a masked secret value looks like.</summary>
    public const string Mask = "********";

    // Name fragments that mark a secret wherever they occur in the name (case-insensitive).
    private static readonly string[] SecretFragments =
    {
        "PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "CREDENTIAL", "PRIVATE", "APIKEY", "API_KEY",
        "ACCESS_KEY", "SIGNATURE", "SALT", "CONNECTIONSTRING", "CONNECTION_STRING", "COOKIE", "SESSION_KEY",
    };

    // By the first two letters of a fragment (all upper-case letters), the fragments that start so; null elsewhere.
    private static readonly string[]?[] FragmentsByBigram = BuildFragmentsByBigram();

    // Whole name segments (between '_', '-' or '.') that mark a secret; as fragments they would catch AUTHOR_NAME.
    private static readonly string[] SecretSegments = { "AUTH", "AUTHORIZATION", "PWD", "PASS", "PAT", "DSN" };

    // The lengths of the segments as bits (1 << length), so a segment of no candidate's length is passed at once.
    private static readonly int SegmentLengths = BuildSegmentLengths();

    // Name endings that mark a secret (FOO_KEY, FOO_PWD) but would be too broad as fragments (KEYBOARD_LAYOUT).
    private static readonly string[] SecretSuffixes = { "_KEY", "_PWD", "_PASS", "_PAT", "_CERT" };

    /// <summary>True when the key's name says it holds a secret.</summary>
    /// <remarks>Asked once or twice for every key a Get-TfConfig shows: it compares in a stack buffer and allocates nothing.</remarks>
    public static bool IsSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length > 256)
        {
            return IsSecretUpperName(name.ToUpperInvariant());
        }

        // An ASCII name (nearly every one) is upper-cased by the vectorized ASCII path; any other goes through
        // ToUpperInvariant, which maps some non-ASCII letters to ASCII ones (the dotless i to I, the long s to S).
        Span<char> upper = stackalloc char[name.Length];
        if (Ascii.ToUpper(name, upper, out _) != OperationStatus.Done)
        {
            name.AsSpan().ToUpperInvariant(upper);
        }

        return IsSecretUpperName(upper);
    }

    private static bool IsSecretUpperName(ReadOnlySpan<char> upper)
    {
        // One scalar pass: a fragment is compared only where the name holds its first two letters, and segments are
        // cut as the pass goes. Sixteen searches of the whole name per key (or a search per candidate letter) were
        // most of the cost of showing 160,000 keys.
        int segmentStart = 0;
        for (int i = 0; i <= upper.Length; i++)
        {
            if (i == upper.Length || upper[i] is '_' or '-' or '.')
            {
                if (IsSecretSegment(upper[segmentStart..i]))
                {
                    return true;
                }

                segmentStart = i + 1;
                continue;
            }

            if (i + 1 < upper.Length && FragmentsStarting(upper[i], upper[i + 1]) is { } fragments)
            {
                ReadOnlySpan<char> rest = upper[i..];
                foreach (string fragment in fragments)
                {
                    if (rest.StartsWith(fragment, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
        }

        // Only a suffix that ends in the name's last letter can match (and KEY alone ends in Y).
        char last = upper.Length > 0 ? upper[^1] : '\0';
        if (last is 'Y' or 'D' or 'S' or 'T')
        {
            foreach (string suffix in SecretSuffixes)
            {
                if (suffix[^1] == last && upper.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return upper.SequenceEqual("KEY");
    }

    private static string[]? FragmentsStarting(char first, char second)
    {
        int a = first - 'A';
        int b = second - 'A';
        return (uint)a < 26 && (uint)b < 26 ? FragmentsByBigram[(a * 26) + b] : null;
    }

    private static bool IsSecretSegment(ReadOnlySpan<char> segment)
    {
        // Most segments (SERVICE, 00, SETTING) have no candidate's length: no comparison at all.
        if (segment.Length > 13 || ((1 << segment.Length) & SegmentLengths) == 0)
        {
            return false;
        }

        foreach (string candidate in SecretSegments)
        {
            if (segment.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    private static int BuildSegmentLengths()
    {
        int bits = 0;
        foreach (string segment in SecretSegments)
        {
            bits |= 1 << segment.Length;
        }

        return bits;
    }

    // For each two-letter pair (A-Z), the fragments that start with it.
    private static string[]?[] BuildFragmentsByBigram()
    {
        var table = new string[]?[26 * 26];
        foreach (string fragment in SecretFragments)
        {
            int index = ((fragment[0] - 'A') * 26) + (fragment[1] - 'A');
            table[index] = [.. table[index] ?? [], fragment];
        }

        return table;
    }

    /// <summary>True when the value is a URL with a password in its user info.</summary>
    public static bool HasUrlPassword(string? value) => UrlMasker.TryFindPassword(value, out _, out _);

    /// <summary>True when the entry is a secret by any rule.</summary>
    public static bool IsSecret(string name, string? value, bool markedSecret) =>
        markedSecret || IsSecretName(name) || SecretValueMasker.HasSecret(value);

    /// <summary>
    /// The value as it may be shown: the mask for a secret, the value with its credential parts masked when only
    /// they make it secret (a URL password, <c>Password=</c> of a connection string), the value itself otherwise.
    /// </summary>
    public static string? Display(string name, string? value, bool markedSecret) =>
        value is null ? null : Shown(name, value, markedSecret, plainText: false, out _);

    /// <summary>
    /// What is shown of a value (<see cref="Display"/>'s masking, or the value itself when
    /// <paramref name="plainText"/>) and whether it is a secret (<see cref="IsSecret"/>), the name classified once:
    /// asked for every key a Get-TfConfig shows.
    /// </summary>
    public static string Shown(string name, string value, bool markedSecret, bool plainText, out bool isSecret)
    {
        if (markedSecret || IsSecretName(name))
        {
            isSecret = true;
            return plainText ? value : Mask;
        }

        // Without a secret part the masker would give the value back as it is.
        isSecret = SecretValueMasker.HasSecret(value);
        return plainText || !isSecret ? value : SecretValueMasker.Mask(value);
    }
}

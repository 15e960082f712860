using System;

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

    // Whole name segments (between '_', '-' or '.') that mark a secret; as fragments they would catch AUTHOR_NAME.
    private static readonly string[] SecretSegments = { "AUTH", "AUTHORIZATION", "PWD", "PASS", "PAT", "DSN" };

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

        Span<char> upper = stackalloc char[name.Length];
        name.AsSpan().ToUpperInvariant(upper);
        return IsSecretUpperName(upper);
    }

    private static bool IsSecretUpperName(ReadOnlySpan<char> upper)
    {
        foreach (string fragment in SecretFragments)
        {
            if (upper.IndexOf(fragment, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        foreach (string suffix in SecretSuffixes)
        {
            if (upper.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (upper.SequenceEqual("KEY"))
        {
            return true;
        }

        // Whole segments between '_', '-' and '.'.
        while (!upper.IsEmpty)
        {
            int end = upper.IndexOfAny('_', '-', '.');
            ReadOnlySpan<char> segment = end < 0 ? upper : upper[..end];
            foreach (string candidate in SecretSegments)
            {
                if (segment.SequenceEqual(candidate))
                {
                    return true;
                }
            }

            upper = end < 0 ? ReadOnlySpan<char>.Empty : upper[(end + 1)..];
        }

        return false;
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
    public static string? Display(string name, string? value, bool markedSecret)
    {
        if (value is null)
        {
            return null;
        }

        if (markedSecret || IsSecretName(name))
        {
            return Mask;
        }

        return SecretValueMasker.Mask(value);
    }
}

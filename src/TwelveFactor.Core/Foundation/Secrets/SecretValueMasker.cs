using System;
using System.Collections.Generic;
using System.Text;

namespace TwelveFactor.Core.Foundation.Secrets;

/// <summary>
/// Finds the secret parts inside a value whose name does not say it is secret: a URL's password, a query
/// parameter that carries a credential (<c>?password=</c>, <c>&amp;sig=</c>, <c>X-Amz-Signature=</c>), a
/// connection-string property (<c>Password=</c>, <c>Pwd=</c>, <c>AccountKey=</c>, <c>SharedAccessKey=</c>), or a PEM
/// private key anywhere in a (multi-line) value. Masking keeps the rest of a locator readable; a private key is
/// masked whole. This is the one classifier behind config display, exports, release snapshots, backing-service
/// locators and the admin-task audit, so every path masks the same value the same way.
/// </summary>
public static class SecretValueMasker
{
    // Parameter names that look secret by the name rules but are not: authentication method names, user names.
    private static readonly HashSet<string> NotSecretParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "authSource", "authMechanism", "authMechanismProperties", "user", "userid", "user id", "uid", "username", "user name",
        "SharedAccessKeyName", "sslkey", "tlsCertificateKeyFile", "auth", "authentication",
    };

    // Endings of a parameter name (lower case, without ' ', '-', '_') that carry a credential.
    private static readonly string[] SecretParameterEndings =
    {
        "password", "pwd", "passwd", "secret", "token", "signature", "sig", "key", "credential", "credentials",
    };

    /// <summary>True when the value holds a secret part: a URL password, a credential parameter or a private key.</summary>
    public static bool HasSecret(string? value)
    {
        if (string.IsNullOrEmpty(value) || !MayHoldSecret(value))
        {
            return false;
        }

        if (IsPrivateKey(value) || UrlMasker.TryFindPassword(value, out _, out _))
        {
            return true;
        }

        var spans = new List<(int Start, int Length)>();
        CollectParameterSpans(value, spans);
        return spans.Count > 0;
    }

    /// <summary>The value with every secret part replaced by <see cref="SecretClassifier.Mask"/>; a private key masks the whole value.</summary>
    public static string Mask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || !MayHoldSecret(value))
        {
            return value;
        }

        if (IsPrivateKey(value))
        {
            return SecretClassifier.Mask;
        }

        var spans = new List<(int Start, int Length)>();
        if (UrlMasker.TryFindPassword(value, out int start, out int length))
        {
            spans.Add((start, length));
        }

        CollectParameterSpans(value, spans);
        if (spans.Count == 0)
        {
            return value;
        }

        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var builder = new StringBuilder(value.Length);
        int copied = 0;
        foreach (var (spanStart, spanLength) in spans)
        {
            if (spanStart < copied)
            {
                continue;
            }

            builder.Append(value, copied, spanStart - copied).Append(SecretClassifier.Mask);
            copied = spanStart + spanLength;
        }

        return builder.Append(value, copied, value.Length - copied).ToString();
    }

    /// <summary>True when a query or connection-string parameter of this name carries a credential.</summary>
    public static bool IsSecretParameterName(string name)
    {
        string trimmed = name.Trim();
        if (trimmed.Length == 0 || NotSecretParameters.Contains(trimmed))
        {
            return false;
        }

        string compact = trimmed.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal)
            .Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        foreach (string ending in SecretParameterEndings)
        {
            if (compact.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return SecretClassifier.IsSecretName(trimmed.Replace(' ', '_').Replace('-', '_'));
    }

    // Every secret part needs one of these: a parameter its '=', a URL password its "://", a private key its
    // armour. Most values have none: one vectorised scan for the three characters they start with settles those,
    // without a list or a parse; the others get the three exact scans.
    private static bool MayHoldSecret(string value) =>
        value.AsSpan().IndexOfAny('=', ':', '-') >= 0
        && (value.Contains('=') || value.Contains("://", StringComparison.Ordinal) || value.Contains("-----BEGIN", StringComparison.Ordinal));

    private static bool IsPrivateKey(string value) =>
        value.Contains("-----BEGIN", StringComparison.Ordinal) && value.Contains("PRIVATE KEY-----", StringComparison.Ordinal);

    // Query parameters of a URL (after '?', up to '#', split on '&') and properties of a connection string
    // (segments split on ';', values possibly quoted).
    private static void CollectParameterSpans(string value, List<(int Start, int Length)> spans)
    {
        int scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            int query = value.IndexOf('?', scheme + 3);
            if (query >= 0)
            {
                int end = value.IndexOf('#', query);
                CollectPairs(value, query + 1, end < 0 ? value.Length : end, '&', allowQuotes: false, spans);
            }
        }

        if (value.Contains('=', StringComparison.Ordinal) && (value.Contains(';', StringComparison.Ordinal) || scheme < 0))
        {
            // A connection string, or the ';' properties after a JDBC-style URL: skip a leading URL part.
            int from = 0;
            if (scheme > 0)
            {
                int semicolon = value.IndexOf(';', scheme);
                if (semicolon < 0)
                {
                    return;
                }

                from = semicolon + 1;
            }

            CollectPairs(value, from, value.Length, ';', allowQuotes: true, spans);
        }
    }

    private static void CollectPairs(string value, int from, int to, char separator, bool allowQuotes, List<(int Start, int Length)> spans)
    {
        int position = from;
        while (position < to)
        {
            int equals = value.IndexOf('=', position, to - position);
            int next = value.IndexOf(separator, position, to - position);
            if (equals < 0)
            {
                return;
            }

            if (next >= 0 && next < equals)
            {
                position = next + 1;
                continue;
            }

            string name = value[position..equals];
            int valueStart = equals + 1;
            while (allowQuotes && valueStart < to && value[valueStart] == ' ')
            {
                valueStart++;
            }

            int valueEnd;
            if (allowQuotes && valueStart < to && value[valueStart] is '"' or '\'')
            {
                char quote = value[valueStart];
                // A doubled quote inside quotes is a literal quote, as in ADO.NET connection strings.
                int close = valueStart + 1;
                while (close < to)
                {
                    if (value[close] == quote)
                    {
                        if (close + 1 < to && value[close + 1] == quote)
                        {
                            close += 2;
                            continue;
                        }

                        break;
                    }

                    close++;
                }

                valueEnd = Math.Min(to, close + 1);
                int after = value.IndexOf(separator, valueEnd, to - valueEnd);
                next = after;
            }
            else
            {
                next = value.IndexOf(separator, valueStart, to - valueStart);
                valueEnd = next < 0 ? to : next;
            }

            string decoded = separator == '&' ? SafeUnescape(name) : name;
            if (valueEnd > valueStart && IsSecretParameterName(decoded))
            {
                spans.Add((valueStart, valueEnd - valueStart));
            }

            if (next < 0)
            {
                return;
            }

            position = next + 1;
        }
    }

    private static string SafeUnescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}

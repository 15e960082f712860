using System;

namespace TwelveFactor.Core.Foundation.Secrets;

/// <summary>
/// Finds and masks the password of a URL (<c>scheme://user:password@host/...</c>) without parsing the URL
/// with <see cref="Uri"/>, which rejects many real locators (<c>postgres://u:p@h1,h2/db</c>) and would
/// put the password into its exception message.
/// </summary>
public static class UrlMasker
{
    /// <summary>Locates the password part of a URL's user info.</summary>
    public static bool TryFindPassword(string? value, out int start, out int length)
    {
        start = length = 0;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        int scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            return false;
        }

        int authorityStart = scheme + 3;
        int authorityEnd = value.IndexOfAny(new[] { '/', '?', '#' }, authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = value.Length;
        }

        // The user info ends at the LAST '@' of the authority: passwords may contain '@' unencoded.
        int at = value.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        if (at < 0)
        {
            return false;
        }

        int colon = value.IndexOf(':', authorityStart, at - authorityStart);
        if (colon < 0 || colon + 1 == at)
        {
            return false;
        }

        start = colon + 1;
        length = at - start;
        return true;
    }

    /// <summary>The value with a URL password replaced by the mask; other values unchanged.</summary>
    public static string MaskPassword(string value) =>
        TryFindPassword(value, out int start, out int length)
            ? string.Concat(value.AsSpan(0, start), SecretClassifier.Mask, value.AsSpan(start + length))
            : value;
}

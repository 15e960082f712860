using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Parity;

/// <summary>
/// Turns secret values into HMAC-SHA256 fingerprints under a random key made for one parity run, so secrets
/// can be compared across environments without keeping or showing them: the fingerprints mean nothing after
/// the run and cannot be looked up in a table of common passwords.
/// </summary>
internal sealed class SecretFingerprinter
{
    // Shorter material, and booleans, are flags that happen to have secret-sounding names (AUTH_ENABLED=true).
    private const int MinimumSecretLength = 4;

    private readonly byte[] _salt = RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// The fingerprint of the entry's secret material, or null when it has none: a URL's or connection string's
    /// password, or the whole value of an entry that is secret by mark or name.
    /// </summary>
    public string? Fingerprint(ParityConfigEntry entry, BackingServiceLocator? locator)
    {
        string value = entry.Value;
        string? material = null;
        if (UrlMasker.TryFindPassword(value, out int start, out int length))
        {
            material = Uri.UnescapeDataString(value.Substring(start, length));
        }
        else if (locator is { IsConnectionString: true } && TryConnectionStringPassword(value, out string? password))
        {
            material = password;
        }
        else if (entry.IsSecret || SecretClassifier.IsSecretName(entry.Name))
        {
            material = value.Trim();
        }

        if (material is null || material.Length < MinimumSecretLength || ValueShape.Of(material).Kind == ValueShapeKind.Boolean)
        {
            return null;
        }

        return Convert.ToBase64String(HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(material)));
    }

    private static bool TryConnectionStringPassword(string value, out string? password)
    {
        password = null;
        if (!ConnectionStringTokenizer.TryTokenize(value, out List<ConnectionStringPart> parts))
        {
            return false;
        }

        foreach (ConnectionStringPart part in parts)
        {
            if (part.NormalizedKey is "password" or "pwd")
            {
                password = part.Value;
            }
        }

        return password is not null;
    }
}

using System;
using System.Security.Cryptography;
using System.Text;
using TwelveFactor.Core.Config;

using TwelveFactor.Core.BackingServices;
using TwelveFactor.Core.Foundation.Secrets;
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
    /// The fingerprint of the entry's secret material, or null when it has none: the password of a locator (URL
    /// or connection string), or else the whole value of an entry that is secret by mark or name.
    /// </summary>
    public string? Fingerprint(ParityConfigEntry entry, BackingServiceLocator? locator)
    {
        string? material = locator is null ? null : BackingServiceParser.FindPassword(entry.Value);
        if (material is null && (entry.IsSecret || SecretClassifier.IsSecret(entry.Name, entry.Value, false)))
        {
            material = BackingServiceParser.FindPassword(entry.Value) ?? entry.Value.Trim();
        }

        if (material is null || material.Length < MinimumSecretLength || ValueShape.Of(material).Kind == ValueShapeKind.Boolean)
        {
            return null;
        }

        return Convert.ToBase64String(HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(material)));
    }
}

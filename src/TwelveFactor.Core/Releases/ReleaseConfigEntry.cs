namespace TwelveFactor.Core.Releases;

/// <summary>
/// One config value as a release stores it. A secret's value is not readable through this type: only its
/// salted hash, which is what comparisons use.
/// </summary>
public sealed class ReleaseConfigEntry
{
    internal ReleaseConfigEntry(string name, bool isSecret, string? value, string? valueHash, string? protectedValue, bool isEncrypted)
    {
        Name = name;
        IsSecret = isSecret;
        Value = isSecret ? null : value;
        ValueHash = valueHash;
        ProtectedValue = protectedValue;
        IsEncrypted = isEncrypted;
    }

    /// <summary>The config key.</summary>
    public string Name { get; }

    /// <summary>True when the value is a secret.</summary>
    public bool IsSecret { get; }

    /// <summary>The value of a non-secret; null for a secret.</summary>
    public string? Value { get; }

    /// <summary>For a secret, <c>hmac-sha256:</c> of its value under the store's salt; null otherwise.</summary>
    public string? ValueHash { get; }

    /// <summary>True when the secret is encrypted at rest (AES-GCM).</summary>
    public bool IsEncrypted { get; }

    /// <summary>The value as it may be shown: the mask for a secret.</summary>
    public string DisplayValue => IsSecret ? Foundation.Secrets.SecretClassifier.Mask : Value ?? string.Empty;

    /// <summary>A secret as stored: plain text (owner-only file) or base64 nonce+ciphertext+tag. Never shown.</summary>
    internal string? ProtectedValue { get; }

    /// <inheritdoc/>
    public override string ToString() => Name + "=" + DisplayValue;
}

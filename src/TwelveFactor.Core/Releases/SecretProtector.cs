using System;
using System.Security.Cryptography;
using System.Text;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases;

/// <summary>
/// Protects secret config values: an HMAC fingerprint for comparison (equal values compare equal within a store)
/// and optional AES-256-GCM at rest. Without a key the fingerprint is keyed by the store's salt, which sits in the
/// store beside it; with <c>TF_RELEASE_KEY</c> it is keyed by a key derived from that key (HKDF-SHA256 with the
/// salt), so whoever can read the store but has not the key cannot test guesses against it.
/// </summary>
internal sealed class SecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private const string SaltedPrefix = "hmac-sha256:";
    private const string KeyedPrefix = "hmac-sha256-k:";
    private static readonly byte[] FingerprintInfo = Encoding.ASCII.GetBytes("twelvefactor secret fingerprint v1");

    private readonly byte[] _salt;
    private readonly byte[]? _key;
    private readonly byte[]? _fingerprintKey;

    internal SecretProtector(byte[] salt, byte[]? key)
    {
        _salt = salt;
        _key = key;
        _fingerprintKey = key is null ? null : HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, salt, FingerprintInfo);
    }

    internal bool CanDecrypt => _key is not null;

    /// <summary>The fingerprint of a secret value: keyed by the release key when there is one, else by the salt.</summary>
    internal string Hash(string value) => _fingerprintKey is null ? SaltedHash(value) : KeyedHash(_fingerprintKey, value);

    private string SaltedHash(string value) => SaltedPrefix + Convert.ToHexString(HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(value))).ToLowerInvariant();

    private static string KeyedHash(byte[] key, string value) => KeyedPrefix + Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value))).ToLowerInvariant();

    internal ReleaseConfigEntry Protect(ConfigSnapshotEntry entry)
    {
        if (!entry.IsSecret)
        {
            return new ReleaseConfigEntry(entry.Name, false, entry.Value, null, null, false);
        }

        string hash = Hash(entry.Value);
        if (_key is null)
        {
            return new ReleaseConfigEntry(entry.Name, true, null, hash, entry.Value, false);
        }

        byte[] plain = Encoding.UTF8.GetBytes(entry.Value);
        byte[] sealedValue = new byte[NonceSize + plain.Length + TagSize];
        Span<byte> nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_key, TagSize))
        {
            aes.Encrypt(nonce, plain, sealedValue.AsSpan(NonceSize, plain.Length), sealedValue.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(entry.Name));
        }

        CryptographicOperations.ZeroMemory(plain);
        return new ReleaseConfigEntry(entry.Name, true, null, hash, Convert.ToBase64String(sealedValue), true);
    }

    /// <summary>The plain value of an entry; a secret is decrypted when needed. Never log the result.</summary>
    internal string Reveal(ReleaseConfigEntry entry, string releaseId)
    {
        if (!entry.IsSecret)
        {
            return entry.Value ?? string.Empty;
        }

        if (!entry.IsEncrypted)
        {
            return entry.ProtectedValue ?? string.Empty;
        }

        if (_key is null)
        {
            throw new ReleaseException(ProblemId.EncryptionKeyRequired, string.Format(CoreReleaseStrings.EncryptionKeyRequired, releaseId, ModuleSettings.ReleaseKeyVariable), releaseId);
        }

        try
        {
            byte[] sealedValue = Convert.FromBase64String(entry.ProtectedValue ?? string.Empty);
            if (sealedValue.Length < NonceSize + TagSize)
            {
                throw new CryptographicException();
            }

            int length = sealedValue.Length - NonceSize - TagSize;
            byte[] plain = new byte[length];
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize, length), sealedValue.AsSpan(NonceSize + length), plain, Encoding.UTF8.GetBytes(entry.Name));
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            // Wrong key or changed bytes: GCM's tag cannot tell which. The inner exception carries no secret.
            throw new ReleaseException(ProblemId.EncryptionKeyRequired, string.Format(CoreReleaseStrings.SecretUndecryptable, entry.Name, releaseId), entry.Name, ex);
        }
    }

    /// <summary>True when the stored secret (decrypted if needed) still matches its recorded hash.</summary>
    internal bool Matches(ReleaseConfigEntry entry, string releaseId)
    {
        // Releases made before fingerprints were keyed keep their salted hash and are checked the way they were made.
        string value = Reveal(entry, releaseId);
        if (entry.ValueHash is { } recorded && recorded.StartsWith(KeyedPrefix, StringComparison.Ordinal))
        {
            return _fingerprintKey is not null && string.Equals(KeyedHash(_fingerprintKey, value), recorded, StringComparison.Ordinal);
        }

        return string.Equals(SaltedHash(value), entry.ValueHash, StringComparison.Ordinal);
    }
}

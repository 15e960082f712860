using System;
using System.Security.Cryptography;
using System.Text;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// Protects secret config values: a salted HMAC for comparison (equal values compare equal within a store, and
/// the hash does not let anyone test guesses without the store's salt) and optional AES-256-GCM at rest.
/// </summary>
internal sealed class SecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _salt;
    private readonly byte[]? _key;

    internal SecretProtector(byte[] salt, byte[]? key)
    {
        _salt = salt;
        _key = key;
    }

    internal bool CanDecrypt => _key is not null;

    internal string Hash(string value) => "hmac-sha256:" + Convert.ToHexString(HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(value))).ToLowerInvariant();

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
            throw new ReleaseException(ReleaseErrorKind.EncryptionKeyRequired, string.Format(CoreReleaseStrings.EncryptionKeyRequired, releaseId, ReleaseServiceOptions.EncryptionKeyVariable), releaseId);
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
            throw new ReleaseException(ReleaseErrorKind.EncryptionKeyRequired, string.Format(CoreReleaseStrings.SecretUndecryptable, entry.Name, releaseId), entry.Name, ex);
        }
    }

    /// <summary>True when the stored secret (decrypted if needed) still matches its recorded hash.</summary>
    internal bool Matches(ReleaseConfigEntry entry, string releaseId) =>
        string.Equals(Hash(Reveal(entry, releaseId)), entry.ValueHash, StringComparison.Ordinal);
}

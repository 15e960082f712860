namespace TwelveFactor.Core.Releases;

/// <summary>What verification found wrong. Stable names, usable as error ids.</summary>
public enum VerificationFindingKind
{
    /// <summary>A manifest cannot be read or parsed.</summary>
    ManifestUnreadable,

    /// <summary>A manifest's body does not match its recorded digest.</summary>
    ManifestDigestMismatch,

    /// <summary>A manifest's file list does not match its build digest, or its id does not match its name.</summary>
    BuildDigestMismatch,

    /// <summary>The config snapshot does not match its digest, or a secret does not match its hash or cannot be decrypted.</summary>
    ConfigDigestMismatch,

    /// <summary>A manifest lists a path, link or digest the store never writes: one that would land outside the release.</summary>
    ManifestEntryUnsafe,

    /// <summary>A blob a release refers to is missing.</summary>
    BlobMissing,

    /// <summary>A blob's content does not hash to its name, or its size differs from the manifest's.</summary>
    BlobCorrupt,

    /// <summary>Encrypted secrets could not be checked because no key was given (not a failure).</summary>
    SecretsNotChecked,
}

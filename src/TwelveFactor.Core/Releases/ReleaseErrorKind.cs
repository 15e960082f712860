namespace TwelveFactor.Core.Releases;

/// <summary>
/// Why a release operation failed. The names are stable: the cmdlets use them as error ids
/// (<c>ReleaseNotFound,TwelveFactor.Commands.GetTfReleaseCommand</c>), so never rename one.
/// </summary>
public enum ReleaseErrorKind
{
    /// <summary>No release with the given id exists for the app.</summary>
    ReleaseNotFound,

    /// <summary>The build path does not exist.</summary>
    BuildPathNotFound,

    /// <summary>The build folder or archive holds no files.</summary>
    BuildPathEmpty,

    /// <summary>The build path is inside the release store, or holds it.</summary>
    BuildPathInsideStore,

    /// <summary>The build path is a file that is not a .zip, .tar, .tar.gz or .tgz archive.</summary>
    BuildPathUnsupported,

    /// <summary>An archive entry or a symlink would land outside the build: <c>../x</c>, an absolute path, a link out of the tree.</summary>
    ArchiveEntryEscapes,

    /// <summary>An archive entry is of a kind a release cannot hold (device, fifo) or is damaged.</summary>
    ArchiveEntryUnsupported,

    /// <summary>An archive exceeds a cap: expanded size, compression ratio, entry count or path length (see <see cref="ArchiveLimits"/>).</summary>
    ArchiveLimitExceeded,

    /// <summary>A reading command named a store that does not exist (most often a mistyped -Store).</summary>
    StoreNotFound,

    /// <summary>A publish destination holds a symlink or a folder another user owns where a release folder goes.</summary>
    DestinationUnsafe,

    /// <summary>A build file changed while it was being stored.</summary>
    BuildChangedDuringRelease,

    /// <summary>The source path is not a git work tree, or git is not available.</summary>
    SourcePathNotRepository,

    /// <summary>An app name or release id is not well formed.</summary>
    InvalidName,

    /// <summary>The release store setting names a location or scheme that cannot be used.</summary>
    StoreLocationInvalid,

    /// <summary>The release store cannot be reached, created or written.</summary>
    StoreUnavailable,

    /// <summary>A manifest, blob or config snapshot does not match its recorded digest.</summary>
    StoreVerificationFailed,

    /// <summary>A blob a release refers to is not in the store.</summary>
    BlobMissing,

    /// <summary>The encryption key setting is not 32 bytes of base64.</summary>
    InvalidEncryptionKey,

    /// <summary>The release holds encrypted secrets and no key, or the wrong key, was given.</summary>
    EncryptionKeyRequired,

    /// <summary>The destination's <c>current</c> exists and is not a symlink, so it cannot be switched.</summary>
    DestinationNotSwitchable,

    /// <summary>Another writer kept taking the next id; the release was not created.</summary>
    ReleaseIdContention,

    /// <summary>No Docker engine answered where DOCKER_HOST (or the platform default) points, so an image tag could not be resolved.</summary>
    DockerEngineUnreachable,

    /// <summary>The Docker engine has no image with the given reference (no pull is attempted).</summary>
    DockerImageNotFound,

    /// <summary>An image reference is not <c>name:tag</c> or <c>name@sha256:&lt;64 hex&gt;</c>.</summary>
    ImageReferenceInvalid,

    /// <summary>The release cannot be removed: it is published at a destination, or it is the newest (whose id must stay taken).</summary>
    ReleaseInUse,
}

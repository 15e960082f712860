using System;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases;

/// <summary>How a <see cref="ReleaseService"/> works: encryption of secrets at rest and parallelism.</summary>
public sealed class ReleaseServiceOptions
{
    /// <summary>
    /// The AES-256-GCM key for secrets at rest. When null, secrets are stored in plain text in owner-only
    /// files; encrypted releases can then be listed and compared but not published or restored.
    /// </summary>
    public byte[]? EncryptionKey { get; init; }

    /// <summary>
    /// How many files are hashed and stored at once: twice the processor count by default, so that while some
    /// workers wait on the disk the others keep every core hashing.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = 2 * Environment.ProcessorCount;

    /// <summary>
    /// Whether a local store remembers each build file's stat stamp (device, inode, size, mtime and ctime in
    /// nanoseconds) and hash, so unchanged files of a build folder are not read again. On by default; Linux only.
    /// </summary>
    public bool UseStatCache { get; init; } = true;

    /// <summary>Caps on what an archive build may expand to.</summary>
    public ArchiveLimits ArchiveLimits { get; init; } = ArchiveLimits.Default;

    /// <summary>Options with the key from <see cref="ModuleSettings.ReleaseKeyVariable"/>, when it is set, and the archive limits of the environment.</summary>
    public static ReleaseServiceOptions FromEnvironment() =>
        new() { EncryptionKey = ParseKey(ModuleSettings.Read(ModuleSettings.ReleaseKeyVariable)), ArchiveLimits = ArchiveLimits.FromEnvironment() };

    /// <summary>Decodes a key setting; null for an empty one. The key never enters the exception message.</summary>
    public static byte[]? ParseKey(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        byte[] key = new byte[32];
        if (!Convert.TryFromBase64String(base64.Trim(), key, out int written) || written != 32)
        {
            throw new ReleaseException(ProblemId.InvalidEncryptionKey, CoreReleaseStrings.InvalidEncryptionKey, ModuleSettings.ReleaseKeyVariable);
        }

        return key;
    }
}

namespace TwelveFactor.Core.Releases;

/// <summary>What publishing a release did.</summary>
/// <param name="Record">The publish record now in the store.</param>
/// <param name="ReleasePath">The release's folder: <c>&lt;dest&gt;/releases/&lt;id&gt;</c>.</param>
/// <param name="CurrentPath">The switched symlink: <c>&lt;dest&gt;/current</c>.</param>
/// <param name="PreviousReleaseId">The release <c>current</c> pointed to before, when there was one.</param>
/// <param name="FilesLinked">Files laid out as hard links to the store.</param>
/// <param name="FilesCopied">Files copied (executables, other file systems, remote stores).</param>
/// <param name="BytesCopied">Bytes copied.</param>
/// <param name="AlreadyLaidOut">True when the release folder existed and only <c>current</c> was switched.</param>
public sealed record PublishResult(PublishRecord Record, string ReleasePath, string CurrentPath, string? PreviousReleaseId, int FilesLinked, int FilesCopied, long BytesCopied, bool AlreadyLaidOut);

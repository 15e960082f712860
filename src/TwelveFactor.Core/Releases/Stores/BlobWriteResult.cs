namespace TwelveFactor.Core.Releases.Stores;

/// <summary>The outcome of streaming a blob into a store.</summary>
/// <param name="Sha256">The content's SHA-256, lower-case hex.</param>
/// <param name="Size">The content's length in bytes.</param>
/// <param name="Stored">False when the store already held this content, so nothing new was kept.</param>
public sealed record BlobWriteResult(string Sha256, long Size, bool Stored);

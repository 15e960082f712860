namespace TwelveFactor.Core.Releases;

/// <summary>What garbage collection freed.</summary>
/// <param name="BlobsRemoved">Unreferenced blobs deleted.</param>
/// <param name="BytesFreed">Their total size.</param>
/// <param name="BlobsKept">Blobs still referenced by some release.</param>
/// <param name="TemporaryFilesRemoved">Temp files left by interrupted writers.</param>
public sealed record GarbageCollectionResult(int BlobsRemoved, long BytesFreed, int BlobsKept, int TemporaryFilesRemoved);

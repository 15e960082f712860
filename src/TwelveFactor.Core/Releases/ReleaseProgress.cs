namespace TwelveFactor.Core.Releases;

/// <summary>How far a long release operation has come; maps onto Write-Progress.</summary>
/// <param name="Operation">The step under way.</param>
/// <param name="ItemsDone">Files (or blobs) finished.</param>
/// <param name="ItemsTotal">Files (or blobs) in all; 0 when not yet known.</param>
/// <param name="BytesDone">Bytes finished.</param>
/// <param name="BytesTotal">Bytes in all; 0 when not yet known.</param>
/// <param name="CurrentItem">The path being worked on, when there is one.</param>
public sealed record ReleaseProgress(ReleaseOperation Operation, int ItemsDone, int ItemsTotal, long BytesDone, long BytesTotal, string? CurrentItem)
{
    /// <summary>0 to 100, by bytes when known, else by items; -1 when neither total is known.</summary>
    public int PercentComplete =>
        BytesTotal > 0 ? (int)(100 * BytesDone / BytesTotal)
        : ItemsTotal > 0 ? 100 * ItemsDone / ItemsTotal
        : -1;
}

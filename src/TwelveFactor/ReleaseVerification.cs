using System.Collections.Generic;

namespace TwelveFactor;

/// <summary>What Test-TfRelease checked and found: every blob re-hashed, every manifest and config snapshot checked.</summary>
public sealed class ReleaseVerification
{
    internal ReleaseVerification(string app, string[] releaseIds, int blobsChecked, long bytesChecked, bool isValid, string[] findings)
    {
        App = app;
        ReleaseIds = releaseIds;
        BlobsChecked = blobsChecked;
        BytesChecked = bytesChecked;
        IsValid = isValid;
        Findings = findings;
    }

    public string App { get; }

    /// <summary>The releases checked, newest first.</summary>
    public IReadOnlyList<string> ReleaseIds { get; }

    /// <summary>How many distinct stored files were re-hashed.</summary>
    public int BlobsChecked { get; }

    /// <summary>How many bytes were re-hashed.</summary>
    public long BytesChecked { get; }

    /// <summary>True when no finding is an error.</summary>
    public bool IsValid { get; }

    /// <summary>Each finding as "Kind: message" (messages never hold a secret value).</summary>
    public IReadOnlyList<string> Findings { get; }

    public override string ToString() => $"{App} {(IsValid ? "valid" : "INVALID")}";
}

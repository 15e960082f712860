using System.Collections.Generic;
using System.Linq;

namespace TwelveFactor.Core.Releases;

/// <summary>The result of verifying releases and the blobs they refer to.</summary>
/// <param name="App">The app verified.</param>
/// <param name="ReleaseIds">The releases checked.</param>
/// <param name="BlobsChecked">How many distinct blobs were re-hashed.</param>
/// <param name="BytesChecked">How many bytes were re-hashed.</param>
/// <param name="Findings">Everything found wrong, ordered by release and target.</param>
public sealed record ReleaseVerification(string App, IReadOnlyList<string> ReleaseIds, int BlobsChecked, long BytesChecked, IReadOnlyList<VerificationFinding> Findings)
{
    /// <summary>True when no finding is an error.</summary>
    public bool IsValid => !Findings.Any(f => f.IsError);
}

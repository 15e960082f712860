namespace TwelveFactor.Core.Releases;

/// <summary>One problem found by verification. Messages never contain secret values.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="ReleaseId">The release concerned; null for a store-wide finding.</param>
/// <param name="Target">The file path, blob digest or config key concerned.</param>
/// <param name="Message">A sentence for the user.</param>
public sealed record VerificationFinding(VerificationFindingKind Kind, string? ReleaseId, string? Target, string Message)
{
    /// <summary>False for notes that do not make the store invalid.</summary>
    public bool IsError => Kind != VerificationFindingKind.SecretsNotChecked;
}

using System.Collections.Generic;
using System.Globalization;

namespace TwelveFactor.Core.Parity;

/// <summary>
/// One parity finding. No field ever holds a secret value: messages name keys, environments, kinds, hosts and
/// image references only.
/// </summary>
/// <param name="Check">The check that raised it.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Environments">The environments it concerns, the one at fault or the reference first.</param>
/// <param name="Key">The config key or compose service it concerns, if any.</param>
/// <param name="Message">What is wrong, in a sentence.</param>
/// <param name="SourceFile">The file to look at, if known.</param>
/// <param name="SourceLine">The 1-based line in <paramref name="SourceFile"/>; 0 when unknown.</param>
public sealed record ParityFinding(
    ParityCheck Check,
    ParitySeverity Severity,
    IReadOnlyList<string> Environments,
    string? Key,
    string Message,
    string? SourceFile,
    int SourceLine)
{
    /// <summary><c>file:line</c>, <c>file</c>, or null when the source is unknown.</summary>
    public string? Source => SourceFile is null
        ? null
        : SourceLine > 0 ? SourceFile + ":" + SourceLine.ToString(CultureInfo.InvariantCulture) : SourceFile;
}

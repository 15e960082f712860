using System;
using TwelveFactor.Core.ContinuousIntegration;

namespace TwelveFactor.Core.Parity;

/// <summary>
/// A parity finding as an Azure Pipelines issue. It lives here, not in ContinuousIntegration, so that the CI folder
/// knows only its logging commands and nothing of the factors that use them.
/// </summary>
public static class ParityLogIssue
{
    /// <summary>
    /// The <c>task.logissue</c> line for a parity finding, or null for an <see cref="ParitySeverity.Information"/>
    /// finding, which <c>task.logissue</c> has no type for. The message is prefixed with the check's name.
    /// </summary>
    public static string? Format(ParityFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.Severity == ParitySeverity.Information)
        {
            return null;
        }

        var type = finding.Severity == ParitySeverity.Error ? AzurePipelinesIssueType.Error : AzurePipelinesIssueType.Warning;
        return AzurePipelinesLogger.FormatLogIssue(type, finding.Check + ": " + finding.Message, finding.SourceFile, finding.SourceLine);
    }
}

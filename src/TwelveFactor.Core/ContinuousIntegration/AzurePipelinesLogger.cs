using System;
using System.Globalization;
using System.Text;

namespace TwelveFactor.Core.ContinuousIntegration;

/// <summary>
/// Formats <c>##vso[task.logissue ...]</c> lines so Azure DevOps shows issues on the run. Every property value
/// and the message go through <see cref="AzurePipelinesEscaper"/>; empty properties are left out because the
/// agent drops them anyway.
/// </summary>
public static class AzurePipelinesLogger
{
    /// <summary>A <c>task.logissue</c> line for one issue.</summary>
    public static string FormatLogIssue(
        AzurePipelinesIssueType type, string message, string? sourcePath = null, int lineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(message);
        var builder = new StringBuilder("##vso[task.logissue type=");
        builder.Append(type == AzurePipelinesIssueType.Error ? "error" : "warning");
        if (!string.IsNullOrEmpty(sourcePath))
        {
            builder.Append(";sourcepath=").Append(AzurePipelinesEscaper.Escape(sourcePath));
            if (lineNumber > 0)
            {
                builder.Append(";linenumber=").Append(lineNumber.ToString(CultureInfo.InvariantCulture));
            }
        }

        return builder.Append(']').Append(AzurePipelinesEscaper.Escape(message)).ToString();
    }
}

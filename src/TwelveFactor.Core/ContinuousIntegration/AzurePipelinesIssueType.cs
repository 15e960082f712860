namespace TwelveFactor.Core.ContinuousIntegration;

/// <summary>The two issue types <c>task.logissue</c> accepts.</summary>
public enum AzurePipelinesIssueType
{
    /// <summary><c>type=error</c>: shown as an error on the run.</summary>
    Error,

    /// <summary><c>type=warning</c>: shown as a warning on the run.</summary>
    Warning,
}

namespace TwelveFactor.Core;

/// <summary>
/// The module's own settings. TwelveFactor is itself twelve-factor: it reads them from environment variables
/// and keeps no hidden state.
/// </summary>
public static class ModuleSettings
{
    /// <summary>The environment used when a cmdlet is given no -Environment.</summary>
    public const string EnvironmentVariable = "TF_ENVIRONMENT";

    /// <summary>The app whose releases the release cmdlets work on; else the current folder's name.</summary>
    public const string AppVariable = "TF_APP";

    /// <summary>Where releases are stored: a path or a URL.</summary>
    public const string ReleaseStoreVariable = "TF_RELEASE_STORE";

    /// <summary>Set by Azure Pipelines agents on every step.</summary>
    public const string AzurePipelinesVariable = "TF_BUILD";

    /// <summary>Set to <c>true</c> by GitHub Actions runners on every step.</summary>
    public const string GitHubActionsVariable = "GITHUB_ACTIONS";
}

namespace TwelveFactor.Core.Config;

/// <summary>The formats Export-TfConfig writes.</summary>
public enum ConfigExportFormat
{
    /// <summary>An env file in the safest quoting every reader reads the same, secrets annotated.</summary>
    Dotenv,

    /// <summary>A JSON object of name to value.</summary>
    Json,

    /// <summary>A YAML mapping of name to value, strings quoted where YAML would read them as something else.</summary>
    Yaml,

    /// <summary>Azure Pipelines <c>task.setvariable</c> logging commands, secrets with <c>issecret=true</c>.</summary>
    AzureDevOps,

    /// <summary>The <c>$GITHUB_ENV</c> file format, with <c>::add-mask::</c> commands for secrets.</summary>
    GitHubActions,

    /// <summary>The <c>docker run --env-file</c> format: raw <c>NAME=value</c> lines, no quotes, no multi-line values.</summary>
    DockerEnvFile,
}

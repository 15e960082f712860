namespace TwelveFactor;

/// <summary>The formats Export-TfConfig writes. Mirrors Core's enum, for the reason given on <see cref="ConfigPrecedence"/>.</summary>
public enum ConfigExportFormat
{
    Dotenv = Core.Config.ConfigExportFormat.Dotenv,
    Json = Core.Config.ConfigExportFormat.Json,
    Yaml = Core.Config.ConfigExportFormat.Yaml,
    AzureDevOps = Core.Config.ConfigExportFormat.AzureDevOps,
    GitHubActions = Core.Config.ConfigExportFormat.GitHubActions,
    DockerEnvFile = Core.Config.ConfigExportFormat.DockerEnvFile,
}

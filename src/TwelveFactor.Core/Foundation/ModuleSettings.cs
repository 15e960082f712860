using System;
using System.Collections.Generic;

namespace TwelveFactor.Core.Foundation;

/// <summary>
/// The module's own settings, and every other environment variable it reads, declared in this one place.
/// TwelveFactor is itself twelve-factor: it reads settings from environment variables and keeps no hidden state.
/// <see cref="Read"/> is the only call that reads the process environment for a setting (a test keeps it so), and
/// the README's "Module settings" table lists each entry of <see cref="All"/> (a test checks that too).
/// </summary>
public static class ModuleSettings
{
    /// <summary>The environment used when a cmdlet is given no -Environment.</summary>
    public const string EnvironmentVariable = "TF_ENVIRONMENT";

    /// <summary>The app whose releases the release cmdlets work on; else the current folder's name.</summary>
    public const string AppVariable = "TF_APP";

    /// <summary>Where releases are stored: a path or a URL.</summary>
    public const string ReleaseStoreVariable = "TF_RELEASE_STORE";

    /// <summary>Base64 of 32 bytes that encrypts secret values at rest in the release store.</summary>
    public const string ReleaseKeyVariable = "TF_RELEASE_KEY";

    /// <summary>Wildcards of environments where admin tasks ask for confirmation.</summary>
    public const string ProductionEnvironmentsVariable = "TF_PRODUCTION_ENVIRONMENTS";

    /// <summary>Cap on the bytes an archive build may expand to.</summary>
    public const string ArchiveMaxBytesVariable = "TF_ARCHIVE_MAX_BYTES";

    /// <summary>Cap on an archive's expansion ratio past 64 MiB.</summary>
    public const string ArchiveMaxRatioVariable = "TF_ARCHIVE_MAX_RATIO";

    /// <summary>Cap on an archive's entry count.</summary>
    public const string ArchiveMaxEntriesVariable = "TF_ARCHIVE_MAX_ENTRIES";

    /// <summary>Cap on an archive entry's path length.</summary>
    public const string ArchiveMaxPathVariable = "TF_ARCHIVE_MAX_PATH";

    /// <summary>Set by the module in each admin task's environment; found again in /proc to stop what the task started.</summary>
    public const string AdminTaskRunVariable = "TF_ADMIN_TASK_RUN";

    /// <summary>Set by Azure Pipelines agents on every step.</summary>
    public const string AzurePipelinesVariable = "TF_BUILD";

    /// <summary>Set to <c>true</c> by GitHub Actions runners on every step.</summary>
    public const string GitHubActionsVariable = "GITHUB_ACTIONS";

    /// <summary>The file a GitHub Actions step appends variables to for later steps.</summary>
    public const string GitHubEnvVariable = "GITHUB_ENV";

    /// <summary>The Docker engine's endpoint.</summary>
    public const string DockerHostVariable = "DOCKER_HOST";

    /// <summary>The Azure SDK's usual connection-string variable, for <c>azureblob://</c> stores.</summary>
    public const string AzureStorageConnectionStringVariable = "AZURE_STORAGE_CONNECTION_STRING";

    /// <summary>The storage account key, for <c>https://</c> blob stores without a SAS.</summary>
    public const string AzureStorageKeyVariable = "AZURE_STORAGE_KEY";

    /// <summary>The XDG base folder for user data: the default release store lives under it.</summary>
    public const string XdgDataHomeVariable = "XDG_DATA_HOME";

    /// <summary>The XDG base folder for caches: releases are laid out for admin tasks under it.</summary>
    public const string XdgCacheHomeVariable = "XDG_CACHE_HOME";

    /// <summary>Where commands are looked up.</summary>
    public const string PathVariable = "PATH";

    /// <summary>The extensions a command may have on Windows.</summary>
    public const string PathExtVariable = "PATHEXT";

    /// <summary>Every variable the module reads, with its meaning, in the README's order.</summary>
    public static IReadOnlyList<ModuleSetting> All { get; } = new[]
    {
        new ModuleSetting(EnvironmentVariable, "The environment used when a cmdlet gets no -Environment."),
        new ModuleSetting(AppVariable, "The app whose releases the release and admin-task cmdlets use; else the current folder's name."),
        new ModuleSetting(ReleaseStoreVariable, "Where releases live: a folder, file:// URL, azureblob:// or https:// blob URL."),
        new ModuleSetting(ReleaseKeyVariable, "Base64 of 32 bytes: encrypts secret config values at rest in the release store."),
        new ModuleSetting(ProductionEnvironmentsVariable, "Wildcards of environments where Invoke-TfAdminTask asks for confirmation."),
        new ModuleSetting(AzurePipelinesVariable, "Set by Azure Pipelines: findings become task.logissue lines, output is neutralised."),
        new ModuleSetting(GitHubActionsVariable, "Set to true by GitHub Actions: output cannot issue workflow commands."),
        new ModuleSetting(GitHubEnvVariable, "Set by GitHub Actions: the file Export-TfConfig -Format GitHubActions appends to."),
        new ModuleSetting(DockerHostVariable, "The Docker engine for -Image and -Container."),
        new ModuleSetting(AzureStorageConnectionStringVariable, "The connection string for an azureblob:// release store."),
        new ModuleSetting(AzureStorageKeyVariable, "The account key for an https:// blob release store without a SAS."),
        new ModuleSetting(ArchiveMaxBytesVariable, "Cap on what an archive build may expand to (16 GiB)."),
        new ModuleSetting(ArchiveMaxRatioVariable, "Cap on an archive's compression ratio past 64 MiB (200:1)."),
        new ModuleSetting(ArchiveMaxEntriesVariable, "Cap on an archive's entries (1,000,000)."),
        new ModuleSetting(ArchiveMaxPathVariable, "Cap on an archive entry's path length (4,096)."),
        new ModuleSetting(AdminTaskRunVariable, "Set by Invoke-TfAdminTask in each task's environment, to find and stop what the task started."),
        new ModuleSetting(XdgDataHomeVariable, "The default release store's parent folder."),
        new ModuleSetting(XdgCacheHomeVariable, "Where releases are laid out for admin tasks."),
        new ModuleSetting(PathVariable, "Where admin-task commands are found."),
        new ModuleSetting(PathExtVariable, "On Windows, the extensions an admin-task command may have."),
    };

    /// <summary>Whether a step runs on an Azure Pipelines agent.</summary>
    public static bool InAzurePipelines => !string.IsNullOrEmpty(Read(AzurePipelinesVariable));

    /// <summary>Whether a step runs on a GitHub Actions runner.</summary>
    public static bool InGitHubActions => string.Equals(Read(GitHubActionsVariable), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The module's folder in the user's cache: $XDG_CACHE_HOME/twelvefactor when that is an absolute path, else
    /// ~/.cache/twelvefactor. Releases laid out for tasks and the completion cache live under it.
    /// </summary>
    public static string CacheFolder
    {
        get
        {
            string? cache = Read(XdgCacheHomeVariable);
            string root = !string.IsNullOrEmpty(cache) && System.IO.Path.IsPathRooted(cache)
                ? cache
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return System.IO.Path.Combine(root, "twelvefactor");
        }
    }

    /// <summary>The value of a declared setting, or null when it is not set.</summary>
    public static string? Read(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Environment.GetEnvironmentVariable(name);
    }
}

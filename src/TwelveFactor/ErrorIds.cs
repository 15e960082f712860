namespace TwelveFactor;

/// <summary>
/// Stable error ids. The FullyQualifiedErrorId users see is "<c>Id,TwelveFactor.Commands.&lt;Cmdlet&gt;Command</c>";
/// scripts may match on it, so an id never changes once released.
/// </summary>
internal static class ErrorIds
{
    public const string ConfigFileNotFound = "ConfigFileNotFound";
    public const string ConfigFileUnreadable = "ConfigFileUnreadable";
    public const string ConfigFileSyntax = "ConfigFileSyntax";
    public const string ConfigInterpolationFailed = "ConfigInterpolationFailed";
    public const string ConfigFileLocked = "ConfigFileLocked";

    /// <summary>An env file belongs to another user or group that this user cannot hand the rewritten file back to.</summary>
    public const string ConfigFileOwnerNotKept = "ConfigFileOwnerNotKept";

    /// <summary>An env file is read-only; -Force changes it anyway.</summary>
    public const string ConfigFileReadOnly = "ConfigFileReadOnly";

    /// <summary>-Environment names an environment with no env file of its own (most often a typo).</summary>
    public const string EnvironmentNotFound = "EnvironmentNotFound";

    /// <summary>Test-TfConfig -Strict found findings of Error severity.</summary>
    public const string ConfigCheckFailed = "ConfigCheckFailed";

    /// <summary>An entry's value came from the operator's shell, not from the environment's files.</summary>
    public const string ConfigValueFromShell = "ConfigValueFromShell";
    public const string ConfigKeyInvalid = "ConfigKeyInvalid";
    public const string ConfigKeyNotFound = "ConfigKeyNotFound";
    public const string ConfigValueMissing = "ConfigValueMissing";

    /// <summary>A value that no env-file reader could read back (a NUL character).</summary>
    public const string ConfigValueInvalid = "ConfigValueInvalid";
    public const string EnvironmentNameInvalid = "EnvironmentNameInvalid";
    public const string ExportKeySkipped = "ExportKeySkipped";
    public const string ExportDestinationMissing = "ExportDestinationMissing";
    public const string ExportWriteFailed = "ExportWriteFailed";
    public const string SchemaInvalid = "SchemaInvalid";
    public const string BackingServiceLocatorInvalid = "BackingServiceLocatorInvalid";
    public const string ComposeFileInvalid = "ComposeFileInvalid";

    /// <summary>Prefix of an Error-severity parity finding's id; the check's name follows (ParityFindingMissingKey).</summary>
    public const string ParityFinding = "ParityFinding";
    public const string ParityBroken = "ParityBroken";
    public const string AdminTaskArgumentInvalid = "AdminTaskArgumentInvalid";
    public const string AdminTaskCommandNotFound = "AdminTaskCommandNotFound";
    public const string AdminTaskWorkingDirectoryNotFound = "AdminTaskWorkingDirectoryNotFound";
    public const string AdminTaskEnvironmentInvalid = "AdminTaskEnvironmentInvalid";
    public const string AdminTaskStartFailed = "AdminTaskStartFailed";
    public const string AdminTaskContainerFailed = "AdminTaskContainerFailed";
    public const string AdminTaskStandardError = "AdminTaskStandardError";
    public const string AdminTaskFailed = "AdminTaskFailed";
    public const string AdminTaskTimedOut = "AdminTaskTimedOut";
    public const string AuditTrailUnreadable = "AuditTrailUnreadable";
    public const string ProductionConfirmationRequired = "ProductionConfirmationRequired";
    public const string DockerEngineUnreachable = "DockerEngineUnreachable";
    public const string DockerImageNotFound = "DockerImageNotFound";

    /// <summary>A build file could not be read while a release was made (New-TfRelease); nothing was committed.</summary>
    public const string BuildPathUnreadable = "BuildPathUnreadable";

    /// <summary>The deploy folder could not be written (Publish-TfRelease, Restore-TfRelease -Destination).</summary>
    public const string ReleasePublishFailed = "ReleasePublishFailed";
}

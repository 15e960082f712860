namespace TwelveFactor.Core.Foundation;

/// <summary>
/// Every problem the module reports, by its stable id: the one list of error ids. The cmdlets write
/// <c>&lt;Id&gt;,TwelveFactor.Commands.&lt;Cmdlet&gt;Command</c> as the FullyQualifiedErrorId and scripts match on it,
/// so a member is never renamed once released. Each carries the <see cref="ProblemKind"/> the cmdlets report it as.
/// </summary>
public enum ProblemId
{
    // Config (III)
    /// <summary>An env file named by -Path, or a layer's own file, does not exist.</summary>
    [Problem(ProblemKind.ObjectNotFound)]
    ConfigFileNotFound,
    /// <summary>An env file exists but cannot be read.</summary>
    [Problem(ProblemKind.ReadError)]
    ConfigFileUnreadable,
    /// <summary>An env file has a line no reader would accept; the message gives file:line:column.</summary>
    [Problem(ProblemKind.ParserError)]
    ConfigFileSyntax,
    /// <summary>A ${VAR} reference cannot be resolved (a loop, or expansion past its cap).</summary>
    [Problem(ProblemKind.InvalidData)]
    ConfigInterpolationFailed,
    /// <summary>Another writer holds the env file's lock past the wait.</summary>
    [Problem(ProblemKind.ResourceBusy)]
    ConfigFileLocked,
    /// <summary>An env file belongs to another user or group that this user cannot hand the rewritten file back to.</summary>
    [Problem(ProblemKind.PermissionDenied)]
    ConfigFileOwnerNotKept,
    /// <summary>An env file is read-only; -Force changes it anyway.</summary>
    [Problem(ProblemKind.PermissionDenied)]
    ConfigFileReadOnly,
    /// <summary>-Environment names an environment with no env file of its own (most often a typo).</summary>
    [Problem(ProblemKind.ObjectNotFound)]
    EnvironmentNotFound,
    /// <summary>An environment name that cannot be an env file's suffix.</summary>
    [Problem(ProblemKind.InvalidArgument)]
    EnvironmentNameInvalid,
    /// <summary>Test-TfConfig -Strict found findings of Error severity.</summary>
    [Problem(ProblemKind.InvalidResult)]
    ConfigCheckFailed,
    /// <summary>An entry's value came from the operator's shell, not from the environment's files.</summary>
    [Problem(ProblemKind.InvalidData)]
    ConfigValueFromShell,
    /// <summary>A key that is not a valid variable name.</summary>
    [Problem(ProblemKind.InvalidArgument)]
    ConfigKeyInvalid,
    /// <summary>A key the command was asked for is not set.</summary>
    [Problem(ProblemKind.ObjectNotFound)]
    ConfigKeyNotFound,
    /// <summary>Set-TfConfig was given a key without a value.</summary>
    [Problem(ProblemKind.InvalidArgument)]
    ConfigValueMissing,
    /// <summary>A value that no env-file reader could read back (a NUL character).</summary>
    [Problem(ProblemKind.InvalidArgument)]
    ConfigValueInvalid,
    /// <summary>A key the export format cannot carry was left out.</summary>
    [Problem(ProblemKind.InvalidData)]
    ExportKeySkipped,
    /// <summary>The CI system's file or variable an export writes to is not there, so nothing was exported.</summary>
    [Problem(ProblemKind.SecurityError)]
    ExportDestinationMissing,
    /// <summary>The export destination could not be written.</summary>
    [Problem(ProblemKind.WriteError)]
    ExportWriteFailed,
    /// <summary>A config schema file is not valid.</summary>
    [Problem(ProblemKind.InvalidData)]
    SchemaInvalid,

    // Backing services (IV) and parity (X)
    /// <summary>A backing-service URL or connection string cannot be parsed.</summary>
    [Problem(ProblemKind.InvalidData)]
    BackingServiceLocatorInvalid,
    /// <summary>A compose file cannot be read as one.</summary>
    [Problem(ProblemKind.ParserError)]
    ComposeFileInvalid,
    /// <summary>Test-TfParity -Strict found findings of Error severity.</summary>
    [Problem(ProblemKind.InvalidResult)]
    ParityBroken,
    /// <summary>A key one environment sets and another does not.</summary>
    [Problem(ProblemKind.InvalidResult)]
    ParityFindingMissingKey,
    /// <summary>A backing-service locator that does not parse.</summary>
    [Problem(ProblemKind.InvalidResult)]
    ParityFindingInvalidLocator,
    /// <summary>Environments use different kinds of backing service for one key.</summary>
    [Problem(ProblemKind.InvalidResult)]
    ParityFindingBackingServiceKind,
    /// <summary>A non-local environment points at localhost.</summary>
    [Problem(ProblemKind.InvalidResult)]
    ParityFindingLocalhostInNonLocal,
    /// <summary>Environments run different versions of a backing-service image.</summary>
    [Problem(ProblemKind.InvalidResult)]
    ParityFindingImageVersion,
    /// <summary>One secret value is used in two environments.</summary>
    [Problem(ProblemKind.InvalidResult)]
    ParityFindingSecretReuse,
    /// <summary>A key holds values of different types across environments.</summary>
    [Problem(ProblemKind.InvalidResult)]
    ParityFindingValueType,
    /// <summary>An environment's published release is older than its config.</summary>
    [Problem(ProblemKind.InvalidResult)]
    ParityFindingReleaseDrift,

    // Releases (V)
    /// <summary>No release with the given id exists for the app.</summary>
    [Problem(ProblemKind.ObjectNotFound)]
    ReleaseNotFound,
    /// <summary>The build path does not exist.</summary>
    [Problem(ProblemKind.ObjectNotFound)]
    BuildPathNotFound,
    /// <summary>The build folder or archive holds no files.</summary>
    [Problem(ProblemKind.InvalidArgument)]
    BuildPathEmpty,
    /// <summary>The build path is inside the release store, or holds it.</summary>
    [Problem(ProblemKind.InvalidArgument)]
    BuildPathInsideStore,
    /// <summary>The build path is a file that is not a .zip, .tar, .tar.gz or .tgz archive.</summary>
    [Problem(ProblemKind.InvalidArgument)]
    BuildPathUnsupported,
    /// <summary>A build file could not be read while a release was made; nothing was committed.</summary>
    [Problem(ProblemKind.ReadError)]
    BuildPathUnreadable,
    /// <summary>An archive entry or a symlink would land outside the build.</summary>
    [Problem(ProblemKind.SecurityError)]
    ArchiveEntryEscapes,
    /// <summary>An archive entry is of a kind a release cannot hold (device, fifo) or is damaged.</summary>
    [Problem(ProblemKind.SecurityError)]
    ArchiveEntryUnsupported,
    /// <summary>An archive exceeds a cap: expanded size, compression ratio, entry count or path length.</summary>
    [Problem(ProblemKind.LimitsExceeded)]
    ArchiveLimitExceeded,
    /// <summary>A reading command named a store that does not exist (most often a mistyped -Store).</summary>
    [Problem(ProblemKind.ObjectNotFound)]
    StoreNotFound,
    /// <summary>A publish destination holds a symlink or a folder another user owns where a release folder goes.</summary>
    [Problem(ProblemKind.SecurityError)]
    DestinationUnsafe,
    /// <summary>A build file changed while it was being stored.</summary>
    [Problem(ProblemKind.InvalidOperation)]
    BuildChangedDuringRelease,
    /// <summary>The source path is not a git work tree, or git is not available.</summary>
    [Problem(ProblemKind.InvalidArgument)]
    SourcePathNotRepository,
    /// <summary>An app name or release id is not well formed.</summary>
    [Problem(ProblemKind.InvalidArgument)]
    InvalidName,
    /// <summary>The release store setting names a location or scheme that cannot be used.</summary>
    [Problem(ProblemKind.InvalidArgument)]
    StoreLocationInvalid,
    /// <summary>The release store cannot be reached, created or written.</summary>
    [Problem(ProblemKind.ConnectionError)]
    StoreUnavailable,
    /// <summary>A manifest, blob or config snapshot does not match its recorded digest.</summary>
    [Problem(ProblemKind.InvalidData)]
    StoreVerificationFailed,
    /// <summary>A blob a release refers to is not in the store.</summary>
    [Problem(ProblemKind.ObjectNotFound)]
    BlobMissing,
    /// <summary>The encryption key setting is not 32 bytes of base64.</summary>
    [Problem(ProblemKind.SecurityError)]
    InvalidEncryptionKey,
    /// <summary>The release holds encrypted secrets and no key, or the wrong key, was given.</summary>
    [Problem(ProblemKind.SecurityError)]
    EncryptionKeyRequired,
    /// <summary>The destination's current exists and is not a symlink, so it cannot be switched.</summary>
    [Problem(ProblemKind.WriteError)]
    DestinationNotSwitchable,
    /// <summary>Another writer kept taking the next id; the release was not created.</summary>
    [Problem(ProblemKind.ResourceBusy)]
    ReleaseIdContention,
    /// <summary>The deploy folder could not be written.</summary>
    [Problem(ProblemKind.WriteError)]
    ReleasePublishFailed,
    /// <summary>An image reference is not name:tag or name@sha256:&lt;64 hex&gt;.</summary>
    [Problem(ProblemKind.InvalidArgument)]
    ImageReferenceInvalid,
    /// <summary>The release is published at a destination, or it is the newest (whose id must stay taken).</summary>
    [Problem(ProblemKind.InvalidOperation)]
    ReleaseInUse,

    // Containers (releases and admin tasks)
    /// <summary>No Docker engine answered where DOCKER_HOST (or the platform default) points.</summary>
    [Problem(ProblemKind.ConnectionError)]
    DockerEngineUnreachable,
    /// <summary>The Docker engine has no image with the given reference (no pull is attempted).</summary>
    [Problem(ProblemKind.ObjectNotFound)]
    DockerImageNotFound,

    // Admin processes (XII)
    /// <summary>Invoke-TfAdminTask was given parameters that do not fit together.</summary>
    [Problem(ProblemKind.InvalidArgument)]
    AdminTaskArgumentInvalid,
    /// <summary>The command is not on PATH, does not exist, or is not executable.</summary>
    [Problem(ProblemKind.ObjectNotFound)]
    AdminTaskCommandNotFound,
    /// <summary>The working directory does not exist.</summary>
    [Problem(ProblemKind.ObjectNotFound)]
    AdminTaskWorkingDirectoryNotFound,
    /// <summary>A variable name or value cannot be put into a process environment.</summary>
    [Problem(ProblemKind.InvalidData)]
    AdminTaskEnvironmentInvalid,
    /// <summary>The operating system refused to start the command.</summary>
    [Problem(ProblemKind.OpenError)]
    AdminTaskStartFailed,
    /// <summary>The engine answered but refused to create, attach or start the container.</summary>
    [Problem(ProblemKind.InvalidResult)]
    AdminTaskContainerFailed,
    /// <summary>A line the task wrote to stderr, shown as an error.</summary>
    [Problem(ProblemKind.NotSpecified)]
    AdminTaskStandardError,
    /// <summary>The task exited with a non-zero code.</summary>
    [Problem(ProblemKind.InvalidResult)]
    AdminTaskFailed,
    /// <summary>The task ran past -Timeout and was stopped.</summary>
    [Problem(ProblemKind.OperationTimeout)]
    AdminTaskTimedOut,
    /// <summary>The admin-task audit trail cannot be read.</summary>
    [Problem(ProblemKind.ReadError)]
    AuditTrailUnreadable,
    /// <summary>A task in a production environment was not confirmed (-Force or -Confirm).</summary>
    [Problem(ProblemKind.PermissionDenied)]
    ProductionConfirmationRequired,

    // Processes (VI-IX, XI)

    /// <summary>There is no Procfile where one was looked for.</summary>
    [Problem(ProblemKind.ObjectNotFound)]
    ProcfileNotFound,

    /// <summary>The Procfile cannot be read, or is too large to be one.</summary>
    [Problem(ProblemKind.InvalidData)]
    ProcfileInvalid,

    /// <summary>A Procfile line that no tool would run.</summary>
    [Problem(ProblemKind.ParserError)]
    ProcfileLineInvalid,

    /// <summary>A Procfile names a process type twice.</summary>
    [Problem(ProblemKind.InvalidData)]
    ProcfileDuplicateType,

    /// <summary>A -Formation item that is not type=count, or a port past 65535.</summary>
    [Problem(ProblemKind.InvalidArgument)]
    FormationInvalid,

    /// <summary>A process type the Procfile does not define.</summary>
    [Problem(ProblemKind.ObjectNotFound)]
    ProcessTypeNotFound,

    /// <summary>The process whose exit stopped the formation exited with a non-zero code.</summary>
    [Problem(ProblemKind.InvalidResult)]
    FormationProcessFailed,

    /// <summary>Test-TfDisposability -Strict found a check that failed.</summary>
    [Problem(ProblemKind.InvalidResult)]
    DisposabilityCheckFailed,

    /// <summary>An exported unit, compose file or manifest could not be written.</summary>
    [Problem(ProblemKind.WriteError)]
    FormationExportFailed,
}

namespace TwelveFactor.Core.Foundation;

/// <summary>
/// What sort of problem a <see cref="ProblemId"/> is. The names are PowerShell's ErrorCategory names (a test keeps
/// them so), which the cmdlet layer turns into the record's category; Core itself knows nothing of PowerShell.
/// </summary>
public enum ProblemKind
{
    /// <summary>No finer kind applies.</summary>
    NotSpecified,

    /// <summary>A named thing (file, release, key, environment, image) does not exist.</summary>
    ObjectNotFound,

    /// <summary>An argument the user gave cannot be used.</summary>
    InvalidArgument,

    /// <summary>Data read from a file, store or setting is not valid.</summary>
    InvalidData,

    /// <summary>A file or stream cannot be read.</summary>
    ReadError,

    /// <summary>A file, folder or store cannot be written.</summary>
    WriteError,

    /// <summary>A file does not follow its grammar.</summary>
    ParserError,

    /// <summary>Another process holds what is needed.</summary>
    ResourceBusy,

    /// <summary>The user or the file system does not allow it.</summary>
    PermissionDenied,

    /// <summary>Input that would escape, hide or take over something, refused.</summary>
    SecurityError,

    /// <summary>A cap on size, count or ratio was reached.</summary>
    LimitsExceeded,

    /// <summary>A server (store, Docker engine) cannot be reached.</summary>
    ConnectionError,

    /// <summary>The operation cannot be done in the current state.</summary>
    InvalidOperation,

    /// <summary>Something ran and its result says it failed.</summary>
    InvalidResult,

    /// <summary>Something could not be started or opened.</summary>
    OpenError,

    /// <summary>Something ran past its time limit.</summary>
    OperationTimeout,
}

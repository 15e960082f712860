using System.Management.Automation;
using TwelveFactor.Core.Releases;

namespace TwelveFactor.Commands;

/// <summary>Maps release problems to error records: the kind's name is the stable id.</summary>
internal static class ReleaseCommandErrors
{
    /// <summary>An error record for a release problem, with the stable id and category for its kind.</summary>
    public static ErrorRecord From(ReleaseException ex)
    {
        ErrorCategory category = ex.Kind switch
        {
            ReleaseErrorKind.ReleaseNotFound or ReleaseErrorKind.BuildPathNotFound or ReleaseErrorKind.BlobMissing or ReleaseErrorKind.StoreNotFound => ErrorCategory.ObjectNotFound,
            ReleaseErrorKind.BuildPathEmpty or ReleaseErrorKind.BuildPathInsideStore or ReleaseErrorKind.BuildPathUnsupported
                or ReleaseErrorKind.InvalidName or ReleaseErrorKind.StoreLocationInvalid or ReleaseErrorKind.SourcePathNotRepository => ErrorCategory.InvalidArgument,
            ReleaseErrorKind.ArchiveEntryEscapes or ReleaseErrorKind.ArchiveEntryUnsupported or ReleaseErrorKind.DestinationUnsafe => ErrorCategory.SecurityError,
            ReleaseErrorKind.ArchiveLimitExceeded => ErrorCategory.LimitsExceeded,
            ReleaseErrorKind.StoreVerificationFailed => ErrorCategory.InvalidData,
            ReleaseErrorKind.InvalidEncryptionKey or ReleaseErrorKind.EncryptionKeyRequired => ErrorCategory.SecurityError,
            ReleaseErrorKind.StoreUnavailable => ErrorCategory.ConnectionError,
            ReleaseErrorKind.ReleaseIdContention => ErrorCategory.ResourceBusy,
            ReleaseErrorKind.BuildChangedDuringRelease => ErrorCategory.InvalidOperation,
            ReleaseErrorKind.DestinationNotSwitchable => ErrorCategory.WriteError,
            ReleaseErrorKind.DockerEngineUnreachable => ErrorCategory.ConnectionError,
            ReleaseErrorKind.DockerImageNotFound => ErrorCategory.ObjectNotFound,
            ReleaseErrorKind.ImageReferenceInvalid => ErrorCategory.InvalidArgument,
            ReleaseErrorKind.ReleaseInUse => ErrorCategory.InvalidOperation,
            _ => ErrorCategory.NotSpecified,
        };

        // The kind's name is the stable id: ReleaseNotFound, ArchiveEntryEscapes, StoreVerificationFailed, ...
        // Messages quote build file names and store entries others wrote: shown neutralised, like every view.
        var record = new ErrorRecord(ex, ex.Kind.ToString(), category, ex.Target);
        string shown = Core.Pipelines.DisplayNeutralizer.Neutralize(ex.Message);
        if (!string.Equals(shown, ex.Message, System.StringComparison.Ordinal))
        {
            record.ErrorDetails = new ErrorDetails(shown);
        }

        return record;
    }
}

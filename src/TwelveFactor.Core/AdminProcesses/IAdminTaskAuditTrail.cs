using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TwelveFactor.Core.AdminProcesses;

/// <summary>
/// Where admin-task runs are recorded. The trail is append-only: records are added and read, never changed. The
/// store that keeps it knows only lines; this is the one type that knows what a line means.
/// </summary>
public interface IAdminTaskAuditTrail
{
    /// <summary>Where the trail is, for messages: a file path, or a URL inside a remote store.</summary>
    string Location { get; }

    /// <summary>Appends one record; concurrent appends from other processes or agents stay whole.</summary>
    Task AppendAsync(AdminTaskAuditRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// The last <paramref name="count"/> records, oldest first, optionally only those of one release, environment
    /// and/or app (compared without regard to case). Lines that are not valid records are skipped.
    /// </summary>
    Task<IReadOnlyList<AdminTaskAuditRecord>> ReadLastAsync(int count, string? releaseId, string? environment, string? app, CancellationToken cancellationToken);
}

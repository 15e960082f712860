using System.Collections.Generic;
using System.Threading;
using TwelveFactor.Core.AdminProcesses;

namespace TwelveFactor.Core.Tests.AdminProcesses;

/// <summary>Blocking forms of the trail's calls, so the tests read as the sequences they check.</summary>
internal static class AuditTrailTestExtensions
{
    public static void Append(this IAdminTaskAuditTrail trail, AdminTaskAuditRecord record) =>
        trail.AppendAsync(record, CancellationToken.None).GetAwaiter().GetResult();

    public static IReadOnlyList<AdminTaskAuditRecord> ReadLast(this IAdminTaskAuditTrail trail, int count, string? releaseId = null, string? environment = null, string? app = null) =>
        trail.ReadLastAsync(count, releaseId, environment, app, CancellationToken.None).GetAwaiter().GetResult();
}

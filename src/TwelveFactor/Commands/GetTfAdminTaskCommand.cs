using System.Collections.Generic;
using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Releases.Stores;
using TwelveFactor.Resources;

using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>Lists the audit trail of admin tasks: who ran what, where, when, and how it ended.</summary>
[Cmdlet(VerbsCommon.Get, "TfAdminTask")]
[OutputType(typeof(AdminTaskRecord))]
public sealed class GetTfAdminTaskCommand : StoreCommand
{
    /// <summary>Only tasks run with this release id.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ArgumentCompleter(typeof(ReleaseIdCompleter))]
    public string? Release { get; set; }

    /// <summary>Only tasks run in this environment.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    /// <summary>How many of the most recent tasks to list, newest first. Default 20.</summary>
    [Parameter]
    [Alias("Last")]
    [ValidateRange(1, int.MaxValue)]
    public int Newest { get; set; } = 20;

    protected override void ProcessRecord()
    {
        IAdminTaskAuditTrail trail;
        try
        {
            trail = AdminTaskAuditLog.ForStore(OpenStore(createIfMissing: false));
        }
        catch (ReleaseException ex)
        {
            ThrowTerminatingError(ErrorRecordFactory.From(ex));
            return;
        }

        WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.GetAdminTaskReadingAuditTrail, trail.Location));
        IReadOnlyList<AdminTaskAuditRecord> records;
        try
        {
            // -App here filters (a shared store holds many apps); without it every app's tasks are listed.
            records = trail.ReadLastAsync(Newest, Release, Environment, App, CancellationToken).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(ProblemId.AuditTrailUnreadable, new System.IO.IOException(string.Format(CultureInfo.CurrentCulture, Strings.GetAdminTaskTrailUnreadable, trail.Location, ex.Message), ex), trail.Location));
            return;
        }

        foreach (var record in records.Reverse())
        {
            WriteObject(new AdminTaskRecord(
                record.StartedAt, record.User, record.Host, record.ReleaseId, record.Environment,
                string.Join(' ', new[] { record.Command }.Concat(record.Arguments)), record.Image, record.ExitCode,
                record.Duration, record.TimedOut, record.Cancelled, record.OverriddenKeys.ToArray())
            {
                App = record.App,
                Store = record.Store,
            });
        }
    }
}

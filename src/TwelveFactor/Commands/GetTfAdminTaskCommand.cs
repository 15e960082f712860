using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Processes;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Storage;
using TwelveFactor.Resources;

namespace TwelveFactor.Commands;

/// <summary>Lists the audit trail of admin tasks: who ran what, where, when, and how it ended.</summary>
[Cmdlet(VerbsCommon.Get, "TfAdminTask")]
[OutputType(typeof(AdminTaskRecord))]
public sealed class GetTfAdminTaskCommand : TfCmdlet
{
    /// <summary>Only tasks run with this release id.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ArgumentCompleter(typeof(ReleaseIdCompleter))]
    public string? Release { get; set; }

    /// <summary>Only tasks of this app (a shared store holds many apps, each with its own v3).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? App { get; set; }

    /// <summary>Only tasks run in this environment.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    /// <summary>How many of the most recent tasks to list, newest first. Default 20.</summary>
    [Parameter]
    [Alias("Last")]
    [ValidateRange(1, int.MaxValue)]
    public int Newest { get; set; } = 20;

    /// <summary>The release store (path or URL) whose audit trail to read; defaults to $env:TF_RELEASE_STORE. Bound from a piped release's Store.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Store { get; set; }

    protected override void ProcessRecord()
    {
        AdminTaskAuditLog log;
        IReleaseStore releaseStore;
        try
        {
            log = AuditLocation.Open(Store, out releaseStore, createIfMissing: false);
        }
        catch (ReleaseException ex)
        {
            ThrowTerminatingError(ReleaseCommandErrors.From(ex));
            return;
        }

        using (releaseStore)
        {
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.GetAdminTaskReadingAuditTrail, log.Path));
            try
            {
                WriteRecords(log);
            }
            catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new System.IO.IOException(string.Format(CultureInfo.CurrentCulture, Strings.GetAdminTaskTrailUnreadable, log.Path, ex.Message), ex),
                    ErrorIds.AuditTrailUnreadable,
                    ErrorCategory.ReadError,
                    log.Path));
            }
        }
    }

    private void WriteRecords(AdminTaskAuditLog log)
    {
        foreach (var record in log.ReadLast(Newest, Release, Environment, App).Reverse())
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

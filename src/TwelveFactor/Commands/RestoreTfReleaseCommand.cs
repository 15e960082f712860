using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Releases;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>
/// Rolls back the Heroku way: a new release (the next id) with an old release's build and config, so history
/// stays append-only; published when -Destination is given.
/// </summary>
[Cmdlet(VerbsData.Restore, "TfRelease", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Release))]
public sealed class RestoreTfReleaseCommand : ReleaseCommand
{
    /// <summary>The release whose build and config to bring back, such as v3.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ReleaseIdCompleter))]
    public string Id { get; set; } = string.Empty;

    /// <summary>A deploy folder to publish the new release to, as Publish-TfRelease does.</summary>
    [Parameter]
    public string? Destination { get; set; }

    /// <summary>Free text for the new release; defaults to a note naming the restored release.</summary>
    [Parameter]
    public string? Description { get; set; }

    protected override void ProcessRecord()
    {
        string app = EffectiveApp();
        string? destination = Destination is null ? null : GetUnresolvedProviderPathFromPSPath(Destination);
        if (!ShouldProcess(string.Format(CultureInfo.CurrentCulture, Strings.RestoreReleaseShouldProcessTarget, app, Id), Strings.RestoreReleaseAction))
        {
            return;
        }

        ReleaseService service = OpenService();
        ReleaseRecord record;
        try
        {
            record = service.RestoreAsync(app, Id, Description, null, CancellationToken).GetAwaiter().GetResult();
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.RestoreReleaseCreated, record.Id, app, Id));
        }
        catch (ReleaseException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return;
        }

        if (destination is not null && ShouldProcess(string.Format(CultureInfo.CurrentCulture, Strings.RestoreReleasePublishTarget, record.Id, app, destination), Strings.PublishReleaseAction))
        {
            try
            {
                PublishResult result = RunWithProgress(string.Format(CultureInfo.CurrentCulture, Strings.PublishReleaseActivity, app, record.Id), progress => service.PublishAsync(app, record.Id, destination, progress, CancellationToken));
                WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.RestoreReleasePublished, record.Id, result.ReleasePath, result.PreviousReleaseId ?? Strings.NoRelease));
            }
            catch (ReleaseException ex)
            {
                WriteError(ErrorRecordFactory.From(ex));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WriteError(PublishError(ex, app, record.Id, destination));
            }
        }

        WriteObject(Release.From(record, StoreLocation));
    }
}

using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Releases;

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
        if (!ShouldProcess($"new release of '{app}' with the build and config of {Id}", "Restore release"))
        {
            return;
        }

        ReleaseService service = OpenService();
        ReleaseRecord record;
        try
        {
            record = service.RestoreAsync(app, Id, Description, null, CancellationToken).GetAwaiter().GetResult();
            WriteVerbose($"Created release {record.Id} of '{app}' from {Id}.");
        }
        catch (ReleaseException ex)
        {
            WriteError(ReleaseError(ex));
            return;
        }

        if (destination is not null && ShouldProcess($"release {record.Id} of '{app}' to '{destination}'", "Publish release"))
        {
            try
            {
                PublishResult result = RunWithProgress($"Publishing {app} {record.Id}", progress => service.PublishAsync(app, record.Id, destination, progress, CancellationToken));
                WriteVerbose($"Published release {record.Id} at '{result.ReleasePath}'; 'current' switched from {result.PreviousReleaseId ?? "nothing"} to {record.Id}.");
            }
            catch (ReleaseException ex)
            {
                WriteError(ReleaseError(ex));
            }
        }

        WriteObject(Release.From(record));
    }
}

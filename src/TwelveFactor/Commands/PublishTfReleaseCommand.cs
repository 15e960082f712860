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
/// Lays a release out at &lt;Destination&gt;/releases/&lt;id&gt;/ with its config as .env, and switches
/// &lt;Destination&gt;/current to it atomically.
/// </summary>
[Cmdlet(VerbsData.Publish, "TfRelease", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = IdParameterSet)]
[OutputType(typeof(ReleasePublication))]
public sealed class PublishTfReleaseCommand : ReleaseCommand
{
    private const string IdParameterSet = "Id";
    private const string InputObjectParameterSet = "InputObject";

    /// <summary>The release to publish, from New-TfRelease, Get-TfRelease or Restore-TfRelease.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectParameterSet)]
    public Release? InputObject { get; set; }

    /// <summary>The id of the release to publish, such as v3.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdParameterSet)]
    [ArgumentCompleter(typeof(ReleaseIdCompleter))]
    public string Id { get; set; } = string.Empty;

    /// <summary>The deploy folder: the release goes to &lt;Destination&gt;/releases/&lt;id&gt;/ and &lt;Destination&gt;/current points to it.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = string.Empty;

    /// <summary>
    /// Copies every file instead of hard-linking it to the release store. Use it when the deployed app or its
    /// operators may write into the release folder: a hard link shares the store's bytes, and root (or a program
    /// that makes a file writable first) would change the stored release through it. Test-TfRelease finds such
    /// a change; -Copy prevents it, at the cost of a full copy. A release folder that is already laid out is
    /// only switched to, its files left as they are.
    /// </summary>
    [Parameter]
    public SwitchParameter Copy { get; set; }

    protected override void ProcessRecord()
    {
        string app = InputObject is not null && string.IsNullOrEmpty(App) ? InputObject.App : EffectiveApp();
        string id = InputObject?.Id ?? Id;
        string destination = GetUnresolvedProviderPathFromPSPath(Destination);
        if (!ShouldProcess(string.Format(CultureInfo.CurrentCulture, Strings.PublishReleaseShouldProcessTarget, id, app, destination, System.IO.Path.Combine(destination, "current")), Strings.PublishReleaseAction))
        {
            return;
        }

        ReleaseService service = OpenService();
        try
        {
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.PublishReleaseLayingOut, id, app, System.IO.Path.Combine(destination, "releases", id)));
            PublishResult result = RunWithProgress(string.Format(CultureInfo.CurrentCulture, Strings.PublishReleaseActivity, app, id), progress => service.PublishAsync(app, id, destination, Copy.IsPresent, progress, CancellationToken));
            WriteVerbose(result.AlreadyLaidOut
                ? string.Format(CultureInfo.CurrentCulture, Strings.PublishReleaseAlreadyLaidOut, id, result.PreviousReleaseId ?? Strings.NoRelease)
                : string.Format(CultureInfo.CurrentCulture, Strings.PublishReleaseLaidOut, result.FilesLinked, result.FilesCopied, result.PreviousReleaseId ?? Strings.NoRelease, id));
            WriteObject(new ReleasePublication(
                app, id, result.Record.Destination, result.ReleasePath, result.CurrentPath, result.PreviousReleaseId,
                result.FilesLinked, result.FilesCopied, result.BytesCopied, result.Record.PublishedAt));
        }
        catch (ReleaseException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(PublishError(ex, app, id, destination));
        }
    }
}

using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Releases;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>
/// Removes old releases (all but the newest -KeepLast, or the ones named with -Id), never a published one or the
/// newest, and frees the stored files nothing refers to any more.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "TfRelease", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = KeepLastParameterSet)]
[OutputType(typeof(ReleaseRemoval))]
public sealed class RemoveTfReleaseCommand : ReleaseCommand
{
    private const string KeepLastParameterSet = "KeepLast";
    private const string IdParameterSet = "Id";

    /// <summary>How many of the newest releases to keep (at least 1); older ones are removed unless published.</summary>
    [Parameter(Mandatory = true, ParameterSetName = KeepLastParameterSet)]
    [ValidateRange(1, int.MaxValue)]
    public int KeepLast { get; set; }

    /// <summary>The releases to remove, such as v1, v2. A published release or the newest one is an error (ReleaseInUse) and nothing is removed.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdParameterSet)]
    [ArgumentCompleter(typeof(ReleaseIdCompleter))]
    public string[] Id { get; set; } = System.Array.Empty<string>();

    /// <summary>With -Id: remove a release even when a destination still runs it (its folder there stays, so the app keeps its files). The newest release is never removed.</summary>
    [Parameter(ParameterSetName = IdParameterSet)]
    public SwitchParameter Force { get; set; }

    /// <summary>Write a TwelveFactor.ReleaseRemoval with the ids removed and kept and the storage freed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        string app = EffectiveApp();
        ReleaseService service = OpenService();
        PruneResult result;
        try
        {
            result = ParameterSetName == IdParameterSet
                ? RunWithProgress(string.Format(CultureInfo.CurrentCulture, Strings.RemoveReleaseActivity, app), progress => service.RemoveAsync(app, Id, Force, ShouldProcessFromWork, progress, CancellationToken))
                : RunWithProgress(string.Format(CultureInfo.CurrentCulture, Strings.RemoveReleasePruneActivity, app), progress => service.PruneAsync(app, KeepLast, ShouldProcessFromWork, progress, CancellationToken));
        }
        catch (ReleaseException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return;
        }

        foreach (string kept in result.KeptPublished)
        {
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.RemoveReleaseKeptPublished, kept, app));
        }

        WriteVerbose(result.Removed.Count == 0
            ? string.Format(CultureInfo.CurrentCulture, Strings.RemoveReleaseRemovedNone, app)
            : string.Format(CultureInfo.CurrentCulture, Strings.RemoveReleaseRemoved, string.Join(", ", result.Removed), app, result.GarbageCollection?.BlobsRemoved ?? 0, result.GarbageCollection?.BytesFreed ?? 0));
        foreach (string folder in result.FoldersRemoved)
        {
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.RemoveReleaseFolderRemoved, folder));
        }

        if (PassThru)
        {
            WriteObject(new ReleaseRemoval(
                app, result.Removed.ToArray(), result.KeptPublished.ToArray(), result.Skipped.ToArray(),
                result.GarbageCollection?.BlobsRemoved ?? 0, result.GarbageCollection?.BytesFreed ?? 0));
        }
    }
}

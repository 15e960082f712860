using System.Globalization;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Releases;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>Shows what changed between two releases: files added, removed, changed, and config keys (secrets by hash, never shown).</summary>
[Cmdlet(VerbsData.Compare, "TfRelease")]
[OutputType(typeof(ReleaseDifference))]
public sealed class CompareTfReleaseCommand : ReleaseCommand
{
    /// <summary>The release to compare from, such as v3.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(ReleaseIdCompleter))]
    public string ReferenceId { get; set; } = string.Empty;

    /// <summary>The release to compare to, such as v5; piped releases bind here by their Id.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ArgumentCompleter(typeof(ReleaseIdCompleter))]
    public string DifferenceId { get; set; } = string.Empty;

    protected override void ProcessRecord()
    {
        string app = EffectiveApp();
        ReleaseService service = OpenService();
        ReleaseComparison comparison;
        try
        {
            comparison = service.CompareAsync(app, ReferenceId, DifferenceId, CancellationToken).GetAwaiter().GetResult();
        }
        catch (ReleaseException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return;
        }

        WriteVerbose(comparison.IsIdentical
            ? string.Format(CultureInfo.CurrentCulture, Strings.CompareReleaseSame, ReferenceId, DifferenceId, app)
            : string.Format(CultureInfo.CurrentCulture, Strings.CompareReleaseDiffer, comparison.Files.Count, comparison.Config.Count, ReferenceId, DifferenceId, app));
        foreach (ReleaseFileChange file in comparison.Files)
        {
            WriteObject(new ReleaseDifference(app, ReferenceId, DifferenceId, "File", file.Path, file.Kind.ToString(), Describe(file.Reference), Describe(file.Difference), isSecret: false));
        }

        foreach (ReleaseConfigChange key in comparison.Config)
        {
            // Core already gives the mask for a secret; its values were compared by salted hash.
            WriteObject(new ReleaseDifference(app, ReferenceId, DifferenceId, "Config", key.Name, key.Kind.ToString(), key.ReferenceValue, key.DifferenceValue, key.IsSecret));
        }
    }

    // What a 21-column cell of a CI log can hold: git's 7-hex short digest, the size as the views show sizes, the
    // mode in octal ("8f0f850 146.5 KiB 644"). The full digest is in Get-TfRelease's manifest.
    private static string? Describe(ReleaseFileEntry? file) =>
        file is null ? null
        : file.LinkTarget is not null ? "-> " + file.LinkTarget
        : string.Format(CultureInfo.InvariantCulture, "{0} {1} {2}", file.Sha256?[..7], DisplayText.Size(file.Size), System.Convert.ToString(file.Mode, 8));
}

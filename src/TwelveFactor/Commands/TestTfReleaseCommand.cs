using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Releases;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>
/// Verifies releases and the store: re-hashes every stored file they refer to and checks each manifest and
/// config snapshot against its digest. Every error finding is also a non-terminating error (StoreVerificationFailed).
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TfRelease")]
[OutputType(typeof(ReleaseVerification))]
[OutputType(typeof(bool))]
public sealed class TestTfReleaseCommand : ReleaseCommand
{
    /// <summary>The release to verify; without it, every release of the app.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ReleaseIdCompleter))]
    public string? Id { get; set; }

    /// <summary>Return only $true (valid) or $false, and write no error records.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>Heal damaged or missing stored files from the build folder given with -Path, then verify again.</summary>
    [Parameter]
    public SwitchParameter Repair { get; set; }

    /// <summary>With -Repair: a build folder holding the original bytes of the damaged files.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    protected override void ProcessRecord()
    {
        string app = EffectiveApp();
        ReleaseService service = OpenService();
        Core.Releases.ReleaseVerification result;
        try
        {
            if (Repair)
            {
                string? build = Path is null ? null : GetUnresolvedProviderPathFromPSPath(Path);
                RepairResult repair = RunWithProgress(string.Format(CultureInfo.CurrentCulture, Strings.TestReleaseActivity, app), progress => service.RepairAsync(app, Id, build, progress, CancellationToken));
                foreach (string healed in repair.Healed)
                {
                    WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.TestReleaseHealed, healed));
                }

                foreach (string notHealed in repair.NotHealed)
                {
                    WriteWarning(string.Format(CultureInfo.CurrentCulture, Strings.TestReleaseNotHealed, notHealed));
                }
            }

            WriteVerbose(Id is null ? string.Format(CultureInfo.CurrentCulture, Strings.TestReleaseVerifyingAll, app) : string.Format(CultureInfo.CurrentCulture, Strings.TestReleaseVerifyingOne, Id, app));
            result = RunWithProgress(string.Format(CultureInfo.CurrentCulture, Strings.TestReleaseActivity, app), progress => service.VerifyAsync(app, Id, progress, CancellationToken));
        }
        catch (ReleaseException ex)
        {
            if (Quiet && ex.Problem != ProblemId.ReleaseNotFound && ex.Problem != ProblemId.InvalidName)
            {
                WriteObject(false);
                return;
            }

            WriteError(ErrorRecordFactory.From(ex));
            return;
        }

        WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.TestReleaseChecked, result.ReleaseIds.Count, result.BlobsChecked, result.BytesChecked, result.Findings.Count));
        if (Quiet)
        {
            WriteObject(result.IsValid);
            return;
        }

        foreach (VerificationFinding finding in result.Findings)
        {
            if (finding.IsError)
            {
                var record = new ErrorRecord(
                    new InvalidDataException(finding.Message),
                    nameof(ProblemId.StoreVerificationFailed),
                    ErrorCategory.InvalidData,
                    finding.Target ?? finding.ReleaseId);
                record.ErrorDetails = new ErrorDetails($"{finding.Kind}: {finding.Message}")
                {
                    RecommendedAction = Strings.TestReleaseDamagedAction,
                };
                WriteError(record);
            }
            else
            {
                WriteWarning(finding.Message);
            }
        }

        WriteObject(new ReleaseVerification(
            result.App,
            result.ReleaseIds.ToArray(),
            result.BlobsChecked,
            result.BytesChecked,
            result.IsValid,
            result.Findings.Select(f => $"{f.Kind}: {f.Message}").ToArray()));
    }
}

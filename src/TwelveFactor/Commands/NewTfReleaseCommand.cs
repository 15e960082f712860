using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Config;
using TwelveFactor.Core.Releases;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>
/// Creates an immutable release: a build folder, archive or container image plus the resolved config of one
/// environment, under the app's next id.
/// </summary>
[Cmdlet(VerbsCommon.New, "TfRelease", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = PathParameterSet)]
[OutputType(typeof(Release))]
public sealed class NewTfReleaseCommand : ReleaseCommand
{
    /// <inheritdoc/>
    protected override bool CreatesStore => true;

    private const string PathParameterSet = "Path";
    private const string LiteralPathParameterSet = "LiteralPath";
    private const string ImageParameterSet = "Image";

    /// <summary>The build: a folder, or a .zip, .tar, .tar.gz or .tgz archive. Wildcards must match exactly one item.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathParameterSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Like -Path, without wildcard expansion.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathParameterSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string? LiteralPath { get; set; }

    /// <summary>A container image instead of files: name@sha256:... as is, or name:tag resolved to its digest by the Docker engine (DOCKER_HOST).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ImageParameterSet)]
    [ValidateNotNullOrEmpty]
    public string? Image { get; set; }

    /// <summary>The environment whose resolved config (its env files only) becomes the release's config; defaults to $env:TF_ENVIRONMENT.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    /// <summary>Free text kept with the release, such as a change summary.</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>A git work tree whose HEAD commit is recorded (with -dirty when it has changes); defaults to the current location when it is inside a git work tree.</summary>
    [Parameter]
    public string? SourcePath { get; set; }

    protected override void ProcessRecord()
    {
        string app = EffectiveApp();
        string? environment = EffectiveEnvironment(Environment);
        string? buildPath = BuildPath();
        if (buildPath is null && Image is null)
        {
            return;
        }

        IReadOnlyList<ConfigSnapshotEntry>? config = ReadConfig(environment);
        if (config is null)
        {
            return;
        }

        string? source = SourcePath is not null ? GetUnresolvedProviderPathFromPSPath(SourcePath) : DefaultSource();
        string what = buildPath is not null ? $"'{buildPath}'" : string.Format(CultureInfo.CurrentCulture, Strings.NewReleaseImageNamed, Image);
        string configText = environment is null ? Strings.NewReleaseSharedConfig : string.Format(CultureInfo.CurrentCulture, Strings.NewReleaseConfigOfEnvironment, environment);
        if (!ShouldProcess(string.Format(CultureInfo.CurrentCulture, Strings.NewReleaseShouldProcessTarget, app, what, configText, config.Count), Strings.NewReleaseAction))
        {
            return;
        }

        try
        {
            string? imageDigest = null;
            if (Image is not null)
            {
                imageDigest = ImageDigestResolver.DigestOf(Image);
                if (imageDigest is null)
                {
                    WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.NewReleaseResolvingImage, Image));
                    imageDigest = ImageDigestResolver.ResolveAsync(Image, null, CancellationToken).GetAwaiter().GetResult();
                }

                WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.NewReleaseImageDigest, Image, imageDigest));
            }

            ReleaseService service = OpenService();
            if (source is not null)
            {
                WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.NewReleaseReadingCommit, source));
            }

            var request = new ReleaseRequest
            {
                App = app,
                BuildPath = buildPath,
                Environment = environment,
                Description = Description,
                SourcePath = source,
                Image = Image,
                ImageDigest = imageDigest,
                Config = config,
            };
            ReleaseRecord record;
            try
            {
                record = RunWithProgress(string.Format(CultureInfo.CurrentCulture, Strings.NewReleaseActivity, app), progress => service.CreateAsync(request, progress, CancellationToken));
            }
            catch (ReleaseException ex) when (ex.Problem == ProblemId.SourcePathNotRepository && SourcePath is null)
            {
                // Only the default source failed (no commit yet, or no git): the release is still worth making.
                WriteWarning(string.Format(CultureInfo.CurrentCulture, Strings.NewReleaseCommitUnreadable, source, ex.Message));
                var withoutSource = new ReleaseRequest
                {
                    App = request.App, BuildPath = request.BuildPath, Environment = request.Environment, Description = request.Description,
                    Image = request.Image, ImageDigest = request.ImageDigest, Config = request.Config,
                };
                record = RunWithProgress(string.Format(CultureInfo.CurrentCulture, Strings.NewReleaseActivity, app), progress => service.CreateAsync(withoutSource, progress, CancellationToken));
            }

            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.NewReleaseCreated, record.Id, app, record.FileCount, record.Size, config.Count, config.Count(c => c.IsSecret)));
            WriteObject(Release.From(record, StoreLocation));
        }
        catch (ReleaseException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(ErrorRecordFactory.Create(ProblemId.BuildPathUnreadable, new IOException(string.Format(CultureInfo.CurrentCulture, Strings.NewReleaseBuildUnreadable, what, ex.Message), ex), buildPath ?? Image));
        }
    }

    private string? BuildPath()
    {
        if (ParameterSetName == ImageParameterSet)
        {
            return null;
        }

        if (ParameterSetName == LiteralPathParameterSet || !WildcardPattern.ContainsWildcardCharacters(Path))
        {
            return GetUnresolvedProviderPathFromPSPath(LiteralPath ?? Path);
        }

        List<string> matches = ResolvePaths(new[] { Path! }, literal: false);
        if (matches.Count == 1)
        {
            return matches[0];
        }

        var ex = new ReleaseException(
            ProblemId.BuildPathNotFound,
            matches.Count == 0 ? string.Format(CultureInfo.CurrentCulture, Strings.NewReleaseNoBuildMatches, Path) : string.Format(CultureInfo.CurrentCulture, Strings.NewReleaseSeveralBuildsMatch, Path, matches.Count),
            Path);
        WriteError(ErrorRecordFactory.From(ex));
        return null;
    }

    private IReadOnlyList<ConfigSnapshotEntry>? ReadConfig(string? environment)
    {
        var resolution = ResolveEnvironmentLayers(environment);
        if (resolution.Failures.Count > 0)
        {
            // A release must hold the whole config or none: a half snapshot would deploy silently broken.
            return null;
        }

        return resolution.Values.Select(v => new ConfigSnapshotEntry(v.Name, v.Value, v.IsSecret)).ToList();
    }

    // The current location when it is inside a git work tree (a .git folder or file there or above); else none.
    private string? DefaultSource()
    {
        for (var folder = new DirectoryInfo(AppFolder); folder is not null; folder = folder.Parent)
        {
            string git = System.IO.Path.Combine(folder.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return AppFolder;
            }
        }

        return null;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Releases;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>Lists an app's releases newest first, or the newest one, or the ones currently published.</summary>
[Cmdlet(VerbsCommon.Get, "TfRelease", DefaultParameterSetName = ListParameterSet)]
[OutputType(typeof(Release))]
public sealed class GetTfReleaseCommand : ReleaseCommand
{
    private const string ListParameterSet = "List";
    private const string LatestParameterSet = "Latest";
    private const string CurrentParameterSet = "Current";

    /// <summary>Release ids to get (v1, v2, ...); wildcards allowed. An id that does not exist is an error.</summary>
    [Parameter(Position = 0, ParameterSetName = ListParameterSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ReleaseIdCompleter))]
    public string[]? Id { get; set; }

    /// <summary>Only releases made with the config of this environment.</summary>
    [Parameter(ParameterSetName = ListParameterSet)]
    [Parameter(ParameterSetName = LatestParameterSet)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    /// <summary>Only the newest release (of -Environment, when given).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LatestParameterSet)]
    public SwitchParameter Latest { get; set; }

    /// <summary>The releases currently published: one per release, however many destinations show it, most recently published first.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CurrentParameterSet)]
    public SwitchParameter Current { get; set; }

    protected override void ProcessRecord()
    {
        string app = EffectiveApp();
        ReleaseService service = OpenService();
        try
        {
            switch (ParameterSetName)
            {
                case LatestParameterSet:
                    WriteLatest(service, app);
                    break;
                case CurrentParameterSet:
                    WriteCurrent(service, app);
                    break;
                default:
                    WriteList(service, app);
                    break;
            }
        }
        catch (ReleaseException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
        }
    }

    private void WriteLatest(ReleaseService service, string app)
    {
        ReleaseManifest? latest = service.GetLatestAsync(app, Environment, CancellationToken).GetAwaiter().GetResult();
        if (latest is null)
        {
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.GetReleaseNoReleases, app, Environment is null ? string.Empty : string.Format(CultureInfo.CurrentCulture, Strings.OfEnvironmentNamed, Environment)));
            return;
        }

        WriteObject(Release.From(latest.Release, StoreLocation));
    }

    private void WriteCurrent(ReleaseService service, string app)
    {
        IReadOnlyList<PublishRecord> published = service.GetPublishedAsync(app, CancellationToken).GetAwaiter().GetResult();
        if (published.Count == 0)
        {
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.GetReleaseNonePublished, app));
        }

        foreach (IGrouping<string, PublishRecord> group in published.GroupBy(p => p.ReleaseId, StringComparer.Ordinal))
        {
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.GetReleasePublishedAt, group.Key, string.Join(", ", group.Select(p => $"'{p.Destination}'"))));
            try
            {
                WriteObject(Release.From(service.GetAsync(app, group.Key, CancellationToken).GetAwaiter().GetResult().Release, StoreLocation, published));
            }
            catch (ReleaseException ex)
            {
                WriteError(ErrorRecordFactory.From(ex));
            }
        }
    }

    private void WriteExact(ReleaseService service, string app)
    {
        IReadOnlyList<PublishRecord> published = service.GetPublishedAsync(app, CancellationToken).GetAwaiter().GetResult();
        foreach (string id in Id!.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            ReleaseRecord? found = null;
            try
            {
                found = ReleaseNames.IsValidId(id.ToLowerInvariant()) ? service.GetAsync(app, id.ToLowerInvariant(), CancellationToken).GetAwaiter().GetResult().Release : null;
            }
            catch (ReleaseException ex) when (ex.Problem == ProblemId.ReleaseNotFound)
            {
            }

            if (found is not null && (Environment is null || string.Equals(found.Environment, Environment, StringComparison.OrdinalIgnoreCase)))
            {
                WriteObject(Release.From(found, StoreLocation, published));
                continue;
            }

            string where = Environment is null ? string.Empty : string.Format(CultureInfo.CurrentCulture, Strings.OfEnvironmentNamed, Environment);
            WriteError(ErrorRecordFactory.From(new ReleaseException(
                ProblemId.ReleaseNotFound,
                string.Format(CultureInfo.CurrentCulture, Strings.GetReleaseNotFound, id, app, where),
                id)));
        }
    }

    private void WriteList(ReleaseService service, string app)
    {
        // Exact ids (the usual -Id v500, or a piped release) read their own manifests only, not all of them.
        if (Id is { Length: > 0 } && !Id.Any(WildcardPattern.ContainsWildcardCharacters))
        {
            WriteExact(service, app);
            return;
        }

        IReadOnlyList<ReleaseRecord> all = service.ListAsync(app, Environment, CancellationToken).GetAwaiter().GetResult();

        // One read of the publish records marks every published release in the listing.
        IReadOnlyList<PublishRecord> published = service.GetPublishedAsync(app, CancellationToken).GetAwaiter().GetResult();
        if (Id is null || Id.Length == 0)
        {
            WriteObject(all.Select(r => Release.From(r, StoreLocation, published)), enumerateCollection: true);
            return;
        }

        var patterns = Id.Select(id => new WildcardPattern(id, WildcardOptions.IgnoreCase)).ToList();
        WriteObject(all.Where(r => patterns.Any(p => p.IsMatch(r.Id))).Select(r => Release.From(r, StoreLocation, published)), enumerateCollection: true);
        foreach (string id in Id.Where(id => !WildcardPattern.ContainsWildcardCharacters(id)))
        {
            if (!all.Any(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                string where = Environment is null ? string.Empty : string.Format(CultureInfo.CurrentCulture, Strings.OfEnvironmentNamed, Environment);
                WriteError(ErrorRecordFactory.From(new ReleaseException(
                    ProblemId.ReleaseNotFound,
                    string.Format(CultureInfo.CurrentCulture, Strings.GetReleaseNotFound, id, app, where),
                    id)));
            }
        }
    }
}

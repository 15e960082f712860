using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Core.Config;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Releases.Stores;
using TwelveFactor.Resources;

using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>Where the task's config and files come from: a release, or an environment's env files.</summary>
public sealed partial class InvokeTfAdminTaskCommand
{
    private AdminTaskContext? ResolveContext()
    {
        if (Release is null)
        {
            string? environment = EffectiveEnvironment(Environment);
            // The task runs here, so $PATH or $HOME in a value may use this machine's; the files' own keys win.
            var resolution = ResolveEnvironmentLayers(environment, Core.Config.ConfigPrecedence.Files);
            if (resolution.Failures.Count > 0)
            {
                return null;
            }

            return new AdminTaskContext(null, environment, resolution.Values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal), null, null);
        }

        try
        {
            string app = EffectiveApp();
            var service = new ReleaseService(OpenStore(createIfMissing: true), ReleaseServiceOptions.FromEnvironment());
            var manifest = service.GetAsync(app, Release, CancellationToken).GetAwaiter().GetResult();
            var config = service.RevealConfigAsync(app, Release, CancellationToken).GetAwaiter().GetResult()
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            string? folder = null;
            if (!Container && manifest.Release.FileCount > 0)
            {
                WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskLayingOutRelease, Release, app, WorkRoot()));
                folder = service.LayOutAsync(app, Release, WorkRoot(), null, CancellationToken).GetAwaiter().GetResult();
            }

            // A tag may have moved since the release: run the exact image, by registry digest or (for a local
            // image no registry has seen) by image ID, whichever the engine knows.
            string? image = manifest.Release.ImageDigest is { } digest && manifest.Release.Image is { } reference && Container && Image is null
                ? ImageDigestResolver.RunnableReferenceAsync(reference, digest, null, CancellationToken).GetAwaiter().GetResult()
                : manifest.Release.Image;
            return new AdminTaskContext(Release, manifest.Release.Environment, config, folder, image);
        }
        catch (ReleaseException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return null;
        }
    }

    // Releases are laid out for tasks in the user's cache, apart from deploy targets.
    private static string WorkRoot()
    {
        string? cache = ModuleSettings.Read(ModuleSettings.XdgCacheHomeVariable);
        string root = !string.IsNullOrEmpty(cache) && Path.IsPathRooted(cache)
            ? cache
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "twelvefactor", "work");
    }

    private string AuditCommandLine(AdminTaskContext context) =>
        string.Join(' ', new[] { FilePath }.Concat(AdminTaskAuditRecord.Create(FilePath, ArgumentList, new AdminTaskOutcome(0, default, default, false, false, false), null, null, context.Config).Arguments));

    private void Audit(AdminTaskContext context, AdminTaskOutcome outcome, IEnumerable<string> overriddenKeys, string? image)
    {
        try
        {
            IReleaseStore releaseStore = OpenStore(createIfMissing: true);
            IAdminTaskAuditTrail log = AdminTaskAuditLog.ForStore(releaseStore);
            {
                AdminTaskAuditRecord record = AdminTaskAuditRecord.Create(FilePath, ArgumentList, outcome, context.ReleaseId, context.Environment, context.Config, overriddenKeys, image);
                log.AppendAsync(new AdminTaskAuditRecord
                {
                    StartedAt = record.StartedAt,
                    User = record.User,
                    Host = record.Host,
                    ReleaseId = record.ReleaseId,
                    App = EffectiveApp(),
                    Store = releaseStore.DisplayLocation,
                    Environment = record.Environment,
                    Command = record.Command,
                    Arguments = record.Arguments,
                    OverriddenKeys = record.OverriddenKeys,
                    Image = record.Image,
                    ExitCode = record.ExitCode,
                    Duration = record.Duration,
                    TimedOut = record.TimedOut,
                    Cancelled = record.Cancelled,
                }, System.Threading.CancellationToken.None).GetAwaiter().GetResult();
            }

            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskAudited, log.Location));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ReleaseException)
        {
            WriteWarning(string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskAuditFailed, ex.Message));
        }
    }

    private sealed record AdminTaskContext(string? ReleaseId, string? Environment, IReadOnlyDictionary<string, string> Config, string? WorkingDirectory, string? Image);
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Releases.Stores;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.AdminProcesses;

/// <summary>
/// A one-off admin process, factor XII, from start to record: a release (or an environment's config) -> its files
/// laid out as a working copy -> the task run as a process or in a container -> the run appended to the audit trail
/// in the same store -> the working copy removed. The cmdlet binds parameters, asks for confirmation and drains
/// output; everything else is here, where it can be tested without PowerShell.
/// </summary>
public sealed class AdminTaskService
{
    private readonly IReleaseStore _store;
    private readonly ReleaseServiceOptions _options;

    /// <summary>A service over <paramref name="store"/>, whose releases the tasks run and whose trail records them.</summary>
    public AdminTaskService(IReleaseStore store, ReleaseServiceOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? new ReleaseServiceOptions();
    }

    /// <summary>Where releases are laid out for tasks: the user's cache, apart from deploy targets.</summary>
    public static string WorkRoot => Path.Combine(ModuleSettings.CacheFolder, "work");

    /// <summary>The trail this service records to.</summary>
    public IAdminTaskAuditTrail AuditTrail => AdminTaskAuditLog.ForStore(_store);

    /// <summary>
    /// The context of a release: its environment and config (secrets decrypted with the key in the options), its
    /// files laid out under <see cref="WorkRoot"/> unless the task runs in a container, and the image to run: a tag
    /// may have moved since the release, so the exact image (registry digest or local image id) when asked.
    /// </summary>
    public async Task<AdminTaskContext> FromReleaseAsync(string app, string releaseId, bool inContainer, bool pinImage, CancellationToken cancellationToken)
    {
        var releases = new ReleaseService(_store, _options);
        ReleaseManifest manifest = await releases.GetAsync(app, releaseId, cancellationToken).ConfigureAwait(false);
        var config = (await releases.RevealConfigAsync(app, releaseId, cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        string? folder = !inContainer && manifest.Release.FileCount > 0
            ? await releases.LayOutAsync(app, releaseId, WorkRoot, null, cancellationToken).ConfigureAwait(false)
            : null;
        string? image = pinImage && manifest.Release.ImageDigest is { } digest && manifest.Release.Image is { } reference
            ? await ImageDigestResolver.RunnableReferenceAsync(reference, digest, null, cancellationToken).ConfigureAwait(false)
            : manifest.Release.Image;
        return new AdminTaskContext(releaseId, manifest.Release.Environment, config, folder, image);
    }

    /// <summary>Starts the task; throws <see cref="AdminTaskException"/> when it cannot start (nothing is left running then).</summary>
    public async Task<RunningAdminTask> StartAsync(AdminTaskContext context, AdminTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        if (request.InContainer)
        {
            string image = ImageFor(context, request)
                ?? throw new AdminTaskException(ProblemId.DockerImageNotFound, request.FileName, CoreStrings.AdminTaskNoImage);
            return await new ContainerTaskRunner().StartAsync(new ContainerTaskSpec
            {
                Image = image,
                Command = new[] { request.FileName }.Concat(request.Arguments).ToList(),
                WorkingDirectory = request.WorkingDirectory,
                Environment = context.Config,
                Overrides = request.Overrides,
                Timeout = request.Timeout,
                ShutdownGracePeriod = request.ShutdownGracePeriod,
                NeutraliseLoggingCommands = request.NeutraliseLoggingCommands,
            }, cancellationToken).ConfigureAwait(false);
        }

        return new AdminTaskRunner().Start(new AdminTaskSpec
        {
            FileName = request.FileName,
            Arguments = request.Arguments.ToList(),
            WorkingDirectory = WorkingDirectoryFor(context, request),
            Environment = context.Config,
            Overrides = request.Overrides,
            Timeout = request.Timeout,
            ShutdownGracePeriod = request.ShutdownGracePeriod,
            NeutraliseLoggingCommands = request.NeutraliseLoggingCommands,
            Interactive = request.Interactive,
        }, cancellationToken);
    }

    /// <summary>Where a local task runs: the directory asked for, else the release's working copy, else the default.</summary>
    public static string WorkingDirectoryFor(AdminTaskContext context, AdminTaskRequest request) =>
        request.WorkingDirectory ?? context.WorkingCopy ?? request.DefaultWorkingDirectory;

    /// <summary>The image a container task runs: the one asked for, else the release's.</summary>
    public static string? ImageFor(AdminTaskContext context, AdminTaskRequest request) => request.Image ?? context.Image;

    /// <summary>
    /// Appends the run to the store's audit trail, secrets masked, and returns where. Written even after Ctrl+C: the
    /// record of a cancelled run matters most.
    /// </summary>
    public async Task<string> RecordAsync(string app, AdminTaskContext context, AdminTaskRequest request, AdminTaskOutcome outcome)
    {
        AdminTaskAuditRecord record = AdminTaskAuditRecord.Create(
            request.FileName, request.Arguments, outcome, context.ReleaseId, context.Environment, context.Config,
            request.Overrides.Keys, request.InContainer ? ImageFor(context, request) : null) with
        {
            App = app,
            Store = _store.DisplayLocation,
        };
        IAdminTaskAuditTrail trail = AuditTrail;
        await trail.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
        return trail.Location;
    }

    /// <summary>The command line as the trail shows it: arguments holding secrets of the config masked.</summary>
    public static string MaskedCommandLine(AdminTaskContext context, AdminTaskRequest request) =>
        string.Join(' ', new[] { request.FileName }.Concat(AdminTaskAuditRecord.Create(
            request.FileName, request.Arguments, new AdminTaskOutcome(0, default, default, false, false, false), null, null, context.Config).Arguments));

    /// <summary>Removes a run's working copy (when it has one); a kept copy is the caller's to look at.</summary>
    public static void RemoveWorkingCopy(AdminTaskContext context)
    {
        if (context.WorkingCopy is { } folder)
        {
            ReleaseService.RemoveWorkingCopy(folder);
        }
    }
}

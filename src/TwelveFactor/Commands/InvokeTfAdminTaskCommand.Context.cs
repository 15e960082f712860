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

/// <summary>Where the task's config and files come from (a release, or an environment's env files), and its record.</summary>
public sealed partial class InvokeTfAdminTaskCommand
{
    private AdminTaskService? _service;

    // One service per command over the command's one store: the release's config comes from it, the run is recorded in it.
    private AdminTaskService Service() => _service ??= new AdminTaskService(OpenStore(createIfMissing: true), ReleaseServiceOptions.FromEnvironment());

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
            if (!Container)
            {
                WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskLayingOutRelease, Release, app, AdminTaskService.WorkRoot));
            }

            return Service().FromReleaseAsync(app, Release, Container, pinImage: Container && Image is null, CancellationToken).GetAwaiter().GetResult();
        }
        catch (ReleaseException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return null;
        }
    }

    private void Audit(AdminTaskContext context, AdminTaskRequest request, AdminTaskOutcome outcome)
    {
        try
        {
            string location = Service().RecordAsync(EffectiveApp(), context, request, outcome).GetAwaiter().GetResult();
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskAudited, location));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ReleaseException)
        {
            WriteWarning(string.Format(CultureInfo.CurrentCulture, Strings.InvokeAdminTaskAuditFailed, ex.Message));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using TwelveFactor.Completers;
using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Foundation.Secrets;
using TwelveFactor.Core.Processes;
using TwelveFactor.Core.Releases;
using TwelveFactor.Resources;

namespace TwelveFactor.Commands;

/// <summary>
/// Writes a formation for the engines that run it in production (as foreman's export does for init systems):
/// systemd units, a compose file, or Kubernetes manifests, with the environment's or a release's config. Secret values
/// go only into owner-only files (an EnvironmentFile, an env_file, a Secret manifest) that the units refer to.
/// </summary>
[Cmdlet(VerbsData.Export, "TfFormation", SupportsShouldProcess = true)]
[OutputType(typeof(FormationFile))]
public sealed class ExportTfFormationCommand : ProcfileCommand
{
    /// <summary>Systemd, Compose or Kubernetes.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public FormationExportFormat Format { get; set; }

    /// <summary>How many of each process type run: 'web=2,worker=1'; default one of each.</summary>
    [Parameter(Position = 1)]
    public string? Formation { get; set; }

    /// <summary>The folder to write into; created when missing. Default: a folder named after the format (systemd, compose, kubernetes) in the current folder.</summary>
    [Parameter]
    public string? Destination { get; set; }

    /// <summary>Where the app runs on the host, for systemd's WorkingDirectory (an absolute path); default: the current folder.</summary>
    [Parameter]
    public string? AppRoot { get; set; }

    /// <summary>The image the processes run, for compose and Kubernetes; default: the release's image. Without one, compose builds the app folder.</summary>
    [Parameter]
    public string? Image { get; set; }

    /// <summary>The user the systemd units run as.</summary>
    [Parameter]
    public string? User { get; set; }

    /// <summary>Replace files that exist and differ; without it they are left alone and reported.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        (IReadOnlyList<ExportedConfigValue> config, string? releaseImage)? source = ResolveConfig();
        if (source is null)
        {
            return;
        }

        string destination = GetUnresolvedProviderPathFromPSPath(Destination ?? Format.ToString().ToLowerInvariant());
        string procfilePath = ProcfileLocation.Resolve(this, Path, AppFolder);
        FormationExport export;
        try
        {
            Procfile procfile = Procfile.Read(procfilePath);
            export = FormationExporter.Export(
                new FormationExportRequest
                {
                    App = EffectiveApp(),
                    Counts = Core.Processes.Formation.Parse(Formation).Counts(procfile),
                    Config = source.Value.config,
                    AppRoot = AppRoot is null ? AppFolder : GetUnresolvedProviderPathFromPSPath(AppRoot),
                    Destination = destination,
                    Image = Image ?? source.Value.releaseImage,
                    BasePort = Port,
                    ShutdownGracePeriod = ShutdownTimeout,
                    User = User,
                },
                (Core.Processes.FormationExportFormat)(int)Format);
        }
        catch (ProcfileException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return;
        }

        foreach (var skip in export.Skipped)
        {
            WriteError(ErrorRecordFactory.Create(ProblemId.ExportKeySkipped, new InvalidOperationException(string.Format(CultureInfo.CurrentCulture, Strings.ExportFormationKeySkipped, skip.Name, skip.Reason)), skip.Name));
        }

        foreach (ExportedFile file in export.Files)
        {
            Write(destination, file);
        }
    }

    private void Write(string destination, ExportedFile file)
    {
        string path = System.IO.Path.Combine(destination, file.Name);
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(file.Content);
        try
        {
            if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            {
                WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.ExportFormationUnchanged, path));
                WriteObject(new FormationFile(Format, file.Kind, file.OwnerOnly, path));
                return;
            }

            if (File.Exists(path) && !Force)
            {
                WriteError(ErrorRecordFactory.Create(ProblemId.FormationExportFailed, new IOException(string.Format(CultureInfo.CurrentCulture, Strings.ExportFormationExists, path)), path));
                return;
            }

            if (!ShouldProcess(path, file.OwnerOnly ? Strings.ExportFormationSecretAction : Strings.ExportFormationAction))
            {
                return;
            }

            Directory.CreateDirectory(destination);
            UnixFileMode mode = file.OwnerOnly
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            AtomicFile.WriteAllBytes(path, bytes, mode);
            if (file.OwnerOnly && !OperatingSystem.IsWindows())
            {
                // An existing file keeps its mode through an atomic rewrite; a secrets file must not stay readable by others.
                File.SetUnixFileMode(path, mode);
            }

            WriteObject(new FormationFile(Format, file.Kind, file.OwnerOnly, path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(ErrorRecordFactory.Create(ProblemId.FormationExportFailed, new IOException(string.Format(CultureInfo.CurrentCulture, Strings.ExportFormationWriteFailed, path, ex.Message), ex), path));
        }
    }

    private (IReadOnlyList<ExportedConfigValue>, string?)? ResolveConfig()
    {
        if (Release is null)
        {
            string? environment = EffectiveEnvironment(Environment);
            var resolution = ResolveEnvironmentLayers(environment);
            return resolution.Failures.Count > 0 ? null : (resolution.Values.Select(v => new ExportedConfigValue(v.Name, v.Value, v.IsSecret)).ToList(), null);
        }

        try
        {
            var releases = new ReleaseService(OpenStore(createIfMissing: false), ReleaseServiceOptions.FromEnvironment());
            ReleaseManifest manifest = releases.GetAsync(EffectiveApp(), Release, CancellationToken).GetAwaiter().GetResult();
            var values = releases.RevealConfigAsync(EffectiveApp(), Release, CancellationToken).GetAwaiter().GetResult();
            return (values.Select(p => new ExportedConfigValue(p.Key, p.Value, SecretClassifier.IsSecret(p.Key, p.Value, markedSecret: false))).ToList(), manifest.Release.Image);
        }
        catch (ReleaseException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return null;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core;
using TwelveFactor.Core.Config;
using TwelveFactor.Core.Parity;
using TwelveFactor.Core.Pipelines;
using TwelveFactor.Resources;

namespace TwelveFactor.Commands;

/// <summary>
/// Compares environments for dev/prod parity: missing keys, backing-service kinds, localhost where it does not
/// belong, compose image versions, reused secrets, value types. Never shows a secret value.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TfParity", DefaultParameterSetName = ReferenceParameterSet)]
[OutputType(typeof(ParityFinding))]
[OutputType(typeof(bool))]
public sealed class TestTfParityCommand : TfCmdlet
{
    private const string ReferenceParameterSet = "Reference";
    private const string AllPairsParameterSet = "AllPairs";

    /// <summary>The environment the others are compared with (usually production).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ReferenceParameterSet)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Reference { get; set; } = string.Empty;

    /// <summary>The environments compared with the reference.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ReferenceParameterSet)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string[] Difference { get; set; } = Array.Empty<string>();

    /// <summary>Compare every pair of these environments.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AllPairsParameterSet)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string[] Environment { get; set; } = Array.Empty<string>();

    /// <summary>A schema whose environmentSpecific keys may differ or be missing between environments. Without it, keys marked '# tf:environment-specific' in .env.example are.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Schema { get; set; }

    /// <summary>The app whose releases show release drift; defaults to $env:TF_APP, else the current folder's name.</summary>
    [Parameter]
    public string? App { get; set; }

    /// <summary>The release store to read releases from; defaults to $env:TF_RELEASE_STORE, else the local default store.</summary>
    [Parameter]
    public string? Store { get; set; }

    /// <summary>Environment names where localhost is expected (default: dev, development, local, test).</summary>
    [Parameter]
    public string[]? LocalEnvironment { get; set; }

    /// <summary>Fail: every Error finding becomes an error record and the command ends with a terminating error when any exists.</summary>
    [Parameter]
    public SwitchParameter Strict { get; set; }

    /// <summary>Return only $true when no finding is an Error, else $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        var names = ParameterSetName == ReferenceParameterSet ? new[] { Reference }.Concat(Difference).ToList() : Environment.ToList();
        var configs = new List<EnvironmentConfig>();
        foreach (string name in names.Distinct(StringComparer.Ordinal))
        {
            if (!ConfigLayout.IsValidEnvironmentName(name) || !ParityConfigReader.Exists(AppFolder, name))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ItemNotFoundException(string.Format(CultureInfo.CurrentCulture, Strings.TestParityEnvironmentNotFound, name, AppFolder)),
                    ErrorIds.EnvironmentNotFound,
                    ErrorCategory.ObjectNotFound,
                    name));
            }

            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.TestParityReadingEnvironment, name));
            configs.Add(ParityConfigReader.ToParityConfig(name, ResolveEnvironmentLayers(name)));
        }

        var input = new ParityInput(configs) { Images = ReadImages(names), Releases = ReadReleases(names) };
        var options = new ParityOptions
        {
            EnvironmentSpecificKeys = EnvironmentSpecificKeys(),
            LocalEnvironmentNames = LocalEnvironment is null ? ParityOptions.DefaultLocalEnvironmentNames : LocalEnvironment.ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
        var checker = new ParityChecker(options);
        var findings = ParameterSetName == ReferenceParameterSet
            ? checker.CheckAgainstReference(input, Reference, Difference)
            : checker.CheckAllPairs(input, names);

        Emit(findings);
    }

    private void Emit(IReadOnlyList<Core.Parity.ParityFinding> findings)
    {
        bool inAzurePipelines = !string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable(ModuleSettings.AzurePipelinesVariable));
        bool stopOnError = Strict || IsErrorActionStop();
        int errors = 0;
        foreach (var finding in findings)
        {
            if (inAzurePipelines && AzurePipelinesLogger.FormatLogIssue(finding) is { } line)
            {
                // Written to the host like Write-Host, so the agent reads it from the step's output.
                WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST" });
            }

            var view = new ParityFinding(finding.Check.ToString(), finding.Severity.ToString(), finding.Environments.ToArray(), finding.Key, finding.Message, finding.Source);
            bool isError = finding.Severity == ParitySeverity.Error;
            errors += isError ? 1 : 0;
            if (!Quiet)
            {
                WriteObject(view);
            }

            if (isError && stopOnError)
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException(finding.Message),
                    ErrorIds.ParityFinding + finding.Check,
                    ErrorCategory.InvalidResult,
                    view));
            }
        }

        if (Quiet)
        {
            WriteObject(errors == 0);
        }

        if (Strict && errors > 0)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException(string.Format(CultureInfo.CurrentCulture, Strings.TestParityFailed, errors)),
                ErrorIds.ParityBroken,
                ErrorCategory.InvalidResult,
                errors));
        }
    }

    private bool IsErrorActionStop()
    {
        if (MyInvocation.BoundParameters.TryGetValue("ErrorAction", out object? bound))
        {
            return bound is ActionPreference.Stop || string.Equals(bound?.ToString(), "Stop", StringComparison.OrdinalIgnoreCase);
        }

        return GetVariableValue("ErrorActionPreference") is ActionPreference.Stop;
    }

    // The release in effect per environment: the newest published one, else the newest made for it.
    private IReadOnlyList<EnvironmentRelease> ReadReleases(IReadOnlyList<string> environments)
    {
        string app = AppName.Resolve(App, AppFolder);
        try
        {
            using var store = Store is null ? Core.Storage.ReleaseStoreLocator.FromEnvironment(createIfMissing: false) : Core.Storage.ReleaseStoreLocator.FromSetting(Store, createIfMissing: false);
            var service = new Core.Releases.ReleaseService(store);
            var releases = service.ListAsync(app, null, CancellationToken).GetAwaiter().GetResult();
            if (releases.Count == 0)
            {
                WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.TestParityNoReleases, app, store.DisplayLocation));
                return Array.Empty<EnvironmentRelease>();
            }

            var published = service.GetPublishedAsync(app, CancellationToken).GetAwaiter().GetResult().Select(p => p.ReleaseId).ToHashSet(StringComparer.Ordinal);
            var result = new List<EnvironmentRelease>();
            foreach (string environment in environments)
            {
                var mine = releases.Where(r => string.Equals(r.Environment, environment, StringComparison.Ordinal)).ToList();
                var chosen = mine.FirstOrDefault(r => published.Contains(r.Id)) ?? mine.FirstOrDefault();
                if (chosen is not null)
                {
                    result.Add(new EnvironmentRelease(environment, chosen.Id, chosen.CreatedAt));
                }
            }

            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Strings.TestParityComparingReleases, app, string.Join(", ", result.Select(r => r.Environment + "=" + r.ReleaseId))));
            return result;
        }
        catch (Core.Releases.ReleaseException ex)
        {
            WriteWarning(string.Format(CultureInfo.CurrentCulture, Strings.TestParityStoreUnreadable, ex.Message));
            return Array.Empty<EnvironmentRelease>();
        }
    }

    private IReadOnlyList<ComposeServiceImage> ReadImages(IReadOnlyList<string> environments)
    {
        try
        {
            return ComposeImageReader.ReadImages(AppFolder, environments);
        }
        catch (ComposeFileException ex)
        {
            WriteError(new ErrorRecord(ex, ErrorIds.ComposeFileInvalid, ErrorCategory.ParserError, ex.FilePath));
            return Array.Empty<ComposeServiceImage>();
        }
    }

    private IReadOnlySet<string> EnvironmentSpecificKeys()
    {
        try
        {
            if (Schema is not null)
            {
                return ConfigSchema.Load(GetUnresolvedProviderPathFromPSPath(Schema)).EnvironmentSpecificKeys;
            }

            string example = System.IO.Path.Combine(AppFolder, ConfigLayout.ExampleFileName);
            return File.Exists(example)
                ? ConfigSchema.FromExample(EnvFileReader.Read(example), example).EnvironmentSpecificKeys
                : new HashSet<string>();
        }
        catch (ConfigSchemaException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.SchemaInvalid, ErrorCategory.InvalidData, ex.File));
            throw;
        }
        catch (ConfigFileException ex)
        {
            ThrowTerminatingError(ConfigFileError(ex));
            throw;
        }
    }
}

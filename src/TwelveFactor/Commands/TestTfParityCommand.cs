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
using TwelveFactor.Core.ContinuousIntegration;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>
/// Compares environments for dev/prod parity: missing keys, backing-service kinds, localhost where it does not
/// belong, compose image versions, reused secrets, value types. Never shows a secret value.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TfParity", DefaultParameterSetName = ReferenceParameterSet)]
[OutputType(typeof(ParityFinding))]
[OutputType(typeof(bool))]
public sealed class TestTfParityCommand : StoreCommand
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
                ThrowTerminatingError(ErrorRecordFactory.Create(ProblemId.EnvironmentNotFound, new ItemNotFoundException(string.Format(CultureInfo.CurrentCulture, Strings.TestParityEnvironmentNotFound, name, AppFolder)), name));
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
        bool inAzurePipelines = ModuleSettings.InAzurePipelines;
        bool stopOnError = Strict || IsErrorActionStop();
        int errors = 0;
        foreach (var finding in findings)
        {
            if (inAzurePipelines && ParityLogIssue.Format(finding) is { } line)
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
                WriteError(ErrorRecordFactory.Create(ParityProblems.IdOf(finding.Check), new InvalidOperationException(finding.Message), view));
            }
        }

        if (Quiet)
        {
            WriteObject(errors == 0);
        }

        if (Strict && errors > 0)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(ProblemId.ParityBroken, new InvalidOperationException(string.Format(CultureInfo.CurrentCulture, Strings.TestParityFailed, errors)), errors));
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
        string app = EffectiveApp();
        try
        {
            var store = OpenStore(createIfMissing: false);
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
            WriteError(ErrorRecordFactory.Create(ProblemId.ComposeFileInvalid, ex, ex.FilePath));
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
                ? ConfigSchema.FromExample(EnvFileReader.ReadLayer(example), example).EnvironmentSpecificKeys
                : new HashSet<string>();
        }
        catch (ConfigSchemaException ex)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(ProblemId.SchemaInvalid, ex, ex.File));
            throw;
        }
        catch (ConfigFileException ex)
        {
            ThrowTerminatingError(ErrorRecordFactory.From(ex));
            throw;
        }
    }
}

using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Completers;
using TwelveFactor.Core.Parity;
using TwelveFactor.Resources;

using TwelveFactor.Core.BackingServices;
using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>Finds the config values that locate backing services (databases, caches, queues, mail, HTTP APIs).</summary>
[Cmdlet(VerbsCommon.Get, "TfBackingService")]
[OutputType(typeof(BackingService))]
public sealed class GetTfBackingServiceCommand : TfCmdlet
{
    /// <summary>The environment whose config to read; defaults to $env:TF_ENVIRONMENT.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    /// <summary>Config key names to consider; wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ConfigKeyCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        string? environment = EffectiveEnvironment(Environment);
        var config = ParityConfigReader.ToParityConfig(environment ?? string.Empty, ResolveEnvironmentLayers(environment));

        var patterns = (Name ?? new[] { "*" }).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        foreach (var entry in config.Entries.Where(e => patterns.Any(p => p.IsMatch(e.Name))))
        {
            if (BackingServiceParser.TryParse(entry.Name, entry.Value, out var locator, out string? error))
            {
                WriteObject(new BackingService(
                    locator.Name, locator.Kind.ToString().ToLowerInvariant(), locator.Host, locator.Port, locator.Database, locator.User,
                    locator.Tls, environment, locator.MaskedUrl, $"{entry.SourceFile}:{entry.SourceLine}", locator));
            }
            else if (error is not null)
            {
                WriteError(ErrorRecordFactory.Create(ProblemId.BackingServiceLocatorInvalid, new PSArgumentException(string.Format(CultureInfo.CurrentCulture, Strings.GetBackingServiceFixValue, error, entry.SourceFile, entry.SourceLine)), entry.Name));
            }
        }
    }
}

using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using TwelveFactor.Completers;
using TwelveFactor.Core.Config;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>Gets the resolved config of an environment, one object per key, secrets masked.</summary>
[Cmdlet(VerbsCommon.Get, "TfConfig", DefaultParameterSetName = LayersParameterSet)]
[OutputType(typeof(ConfigEntry))]
[OutputType(typeof(OrderedDictionary))]
public sealed class GetTfConfigCommand : ConfigCommand
{
    /// <summary>Key names to get; wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ConfigKeyCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Return one ordered name-to-value dictionary instead of objects.</summary>
    [Parameter]
    public SwitchParameter AsHashtable { get; set; }

    /// <summary>Show secret values instead of the mask.</summary>
    [Parameter]
    public SwitchParameter AsPlainText { get; set; }

    // Its loop runs once per key: fully optimized from the first call, not ReadyToRun (see Core's EnvParser.Run).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ProcessRecord()
    {
        // Measured per byte of env file: about 11.5 bytes allocated for the hashtable, 14.5 for entry objects;
        // the region is sized with room above both, since outgrowing it ends it with a collection.
        IReadOnlyList<string> files = ConfigFiles();
        using var burst = AllocationBurst.Begin(files, bytesPerFileByte: 20);
        var resolution = ResolveConfig(files);
        IReadOnlyList<ConfigValue> selected = System.Array.Empty<ConfigValue>();
        if (Name is not null)
        {
            var patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
            selected = resolution.Values.Where(v => patterns.Any(p => p.IsMatch(v.Name))).ToList();
        }
        else if (!AsHashtable)
        {
            selected = resolution.Values;
        }

        foreach (string name in Name ?? System.Array.Empty<string>())
        {
            if (!WildcardPattern.ContainsWildcardCharacters(name) && !selected.Any(v => string.Equals(v.Name, name, System.StringComparison.OrdinalIgnoreCase)))
            {
                WriteError(ErrorRecordFactory.Create(ProblemId.ConfigKeyNotFound, new ItemNotFoundException(string.Format(CultureInfo.CurrentCulture, Strings.GetConfigKeyNotSet, name, Describe())), name));
            }
        }

        if (AsHashtable)
        {
            // Add, not the indexer: names are unique, and the indexer searches the table first. Without -Name the
            // names and values come straight from the resolution, with no value object per key.
            var table = new OrderedDictionary(Name is null ? resolution.Count : selected.Count, System.StringComparer.Ordinal);
            if (Name is null)
            {
                foreach (var (name, shown) in resolution.ShownValues(AsPlainText))
                {
                    table.Add(name, shown);
                }
            }
            else
            {
                foreach (var value in selected)
                {
                    table.Add(value.Name, AsPlainText ? value.Value : value.DisplayValue);
                }
            }

            WriteObject(table);
        }
        else
        {
            foreach (var value in selected)
            {
                WriteObject(ConfigEntryFactory.Create(value, ResolvedEnvironment, AsPlainText, shellByDefault: !PrecedenceGiven));
            }
        }
    }

    private string Describe() => ResolvedEnvironment is null ? Strings.GetConfigTheConfigFiles : string.Format(CultureInfo.CurrentCulture, Strings.EnvironmentNamed, ResolvedEnvironment);
}

using System.Linq;
using TwelveFactor.Core.Config;
using TwelveFactor.Core.Parity;

namespace TwelveFactor.Commands;

/// <summary>Hands an environment's resolved config to the parity engine, and tells whether an environment exists.</summary>
internal static class ParityConfigReader
{
    public static EnvironmentConfig ToParityConfig(string environment, ConfigResolution resolution) =>
        new(environment, resolution.Values
            .Select(v => new ParityConfigEntry(v.Name, v.Value, v.IsSecret, v.Source.File, v.Source.Line))
            .ToList());

    /// <summary>True when any of an environment's own layer files (.env.&lt;environment&gt;[.local]) exists.</summary>
    public static bool Exists(string appFolder, string environment) =>
        ConfigLayout.LayerFiles(appFolder, environment).Skip(2).Any(System.IO.File.Exists);
}

using System.Collections.Generic;
using System.Linq;
using TwelveFactor.Core.Config;
using TwelveFactor.Core.Parity;

namespace TwelveFactor.Commands;

/// <summary>
/// Resolves environments' config for parity and backing-service cmdlets: the files only (the operator's own
/// process environment must not make two environments look alike or different).
/// </summary>
internal static class ParityConfigReader
{
    public static EnvironmentConfig Read(string appFolder, string environment, out IReadOnlyList<ConfigFileException> failures)
    {
        var files = ConfigLayout.LayerFiles(appFolder, environment);
        var resolution = new ConfigResolver(System.Environment.GetEnvironmentVariable).Resolve(files, filesAreExplicit: false, Core.Config.ConfigPrecedence.FilesOnly);
        failures = resolution.Failures;
        return new EnvironmentConfig(environment, resolution.Values
            .Select(v => new ParityConfigEntry(v.Name, v.Value, v.IsSecret, v.Source.File, v.Source.Line))
            .ToList());
    }

    /// <summary>True when any of an environment's layer files exists.</summary>
    public static bool Exists(string appFolder, string environment) =>
        ConfigLayout.LayerFiles(appFolder, environment).Skip(2).Any(System.IO.File.Exists);
}

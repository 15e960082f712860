using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TwelveFactor.Core.Config;

/// <summary>
/// Where an app keeps its config: <c>.env</c> holds shared defaults, <c>.env.&lt;environment&gt;</c> holds one
/// environment's values, and the <c>.local</c> variants hold machine-local overrides that are not committed.
/// Layers, lowest to highest: <c>.env</c>, <c>.env.local</c>, <c>.env.&lt;env&gt;</c>, <c>.env.&lt;env&gt;.local</c>
/// (the order of dotenv-flow, Vite and Next.js, so a team moving from them keeps its files).
/// </summary>
public static class ConfigLayout
{
    public const string SharedFileName = ".env";
    public const string ExampleFileName = ".env.example";
    private const string LocalSuffix = ".local";

    // File name parts that never name an environment.
    private static readonly HashSet<string> NotEnvironments = new(StringComparer.OrdinalIgnoreCase)
    {
        "local", "example", "sample", "template", "dist", "defaults", "schema", "keys", "vault", "bak", "tmp", "lock",
    };

    /// <summary>The layer files for an environment, lowest precedence first (whether or not they exist).</summary>
    public static IReadOnlyList<string> LayerFiles(string root, string? environment)
    {
        var files = new List<string>
        {
            Path.Combine(root, SharedFileName),
            Path.Combine(root, SharedFileName + LocalSuffix),
        };
        if (!string.IsNullOrEmpty(environment))
        {
            files.Add(Path.Combine(root, EnvironmentFileName(environment)));
            files.Add(Path.Combine(root, EnvironmentFileName(environment) + LocalSuffix));
        }

        return files;
    }

    /// <summary>The committed file that holds an environment's own values (or <c>.env</c> for none).</summary>
    public static string FileFor(string root, string? environment) =>
        Path.Combine(root, string.IsNullOrEmpty(environment) ? SharedFileName : EnvironmentFileName(environment));

    /// <summary>Environment names found in a folder's <c>.env.*</c> file names, sorted.</summary>
    public static IReadOnlyList<string> DiscoverEnvironments(string root)
    {
        if (!Directory.Exists(root))
        {
            return Array.Empty<string>();
        }

        return Directory.EnumerateFiles(root, SharedFileName + ".*")
            .Select(path => Path.GetFileName(path))
            // The file system's pattern matching also lets ".env" itself through: check the prefix here.
            .Where(name => name.Length > SharedFileName.Length + 1 && name.StartsWith(SharedFileName + ".", StringComparison.Ordinal))
            .Select(name => name.Substring(SharedFileName.Length + 1))
            .Select(rest => rest.EndsWith(LocalSuffix, StringComparison.OrdinalIgnoreCase) ? rest[..^LocalSuffix.Length] : rest)
            .Where(IsValidEnvironmentName)
            .Where(name => !NotEnvironments.Contains(name))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Environment names are file-name safe words: letters, digits, '-', '_'.</summary>
    public static bool IsValidEnvironmentName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string EnvironmentFileName(string environment)
    {
        if (!IsValidEnvironmentName(environment))
        {
            throw new ArgumentException(
                $"'{environment}' is not a valid environment name: use letters, digits, '-' and '_'.", nameof(environment));
        }

        return SharedFileName + "." + environment;
    }
}

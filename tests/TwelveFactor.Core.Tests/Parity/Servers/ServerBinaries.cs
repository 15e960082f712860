using System;
using System.IO;
using System.Linq;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Parity.Servers;

/// <summary>
/// Finds the Debian server binaries the probe tests run against. A missing binary skips those tests with the
/// apt package to install, except when CI=true: then the tests run and fail, so CI cannot pass by skipping.
/// </summary>
internal static class ServerBinaries
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? RedisServer => FindOnPath("redis-server");

    /// <summary>The bin directory of the newest PostgreSQL under /usr/lib/postgresql, or of postgres on PATH.</summary>
    public static string? PostgresBinDirectory
    {
        get
        {
            const string root = "/usr/lib/postgresql";
            if (Directory.Exists(root))
            {
                string? newest = Directory.GetDirectories(root)
                    .Where(d => File.Exists(Path.Combine(d, "bin", "postgres")) && File.Exists(Path.Combine(d, "bin", "initdb")))
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out int v) ? v : 0)
                    .FirstOrDefault();
                if (newest is not null)
                {
                    return Path.Combine(newest, "bin");
                }
            }

            string? onPath = FindOnPath("postgres");
            return onPath is not null && File.Exists(Path.Combine(Path.GetDirectoryName(onPath)!, "initdb"))
                ? Path.GetDirectoryName(onPath)
                : null;
        }
    }

    public static string? SkipReason(string? binary, string package) =>
        binary is null && !IsCi ? $"{package} is not installed (apt-get install {package}); set CI=true to make this a failure." : null;

    private static string? FindOnPath(string name) =>
        (ModuleSettings.Read(ModuleSettings.PathVariable) ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

using System;
using System.IO;

namespace TwelveFactor.Host;

/// <summary>Finds the built module: $TF_MODULE_PATH, else out/TwelveFactor/ above the running host.</summary>
internal static class ModuleLocator
{
    public static string FindManifest()
    {
        string? configured = Environment.GetEnvironmentVariable("TF_MODULE_PATH");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "out", "TwelveFactor", "TwelveFactor.psd1");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("The built module was not found; run 'dotnet build' first, or set TF_MODULE_PATH.");
    }
}

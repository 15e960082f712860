using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

/// <summary>Two pwsh processes running Set-TfConfig on the same file at once lose no update.</summary>
public sealed class ConfigConcurrencyTests
{
    private const int SetsPerProcess = 200;

    [Fact]
    public void Two_processes_setting_keys_in_one_file_concurrently_lose_no_update()
    {
        string folder = Directory.CreateTempSubdirectory("tf-concurrency-").FullName;
        try
        {
            string file = Path.Combine(folder, "shared.env");
            File.WriteAllText(file, "# shared by two writers\nCOUNTER_SEED=0\n");
            var writers = new[] { "A", "B" }.Select(id => Start(file, id)).ToList();
            foreach (var writer in writers)
            {
                Assert.True(writer.WaitForExit(TimeSpan.FromMinutes(3)), "a writer did not finish");
                string stderr = writer.StandardError.ReadToEnd();
                Assert.True(writer.ExitCode == 0, $"a writer failed ({writer.ExitCode}): {stderr}");
            }

            string[] lines = File.ReadAllLines(file);
            Assert.Equal("# shared by two writers", lines[0]);
            Assert.Equal("COUNTER_SEED=0", lines[1]);
            var keys = lines.Skip(2).Select(l => l.Split('=')[0]).ToHashSet();
            foreach (string id in new[] { "A", "B" })
            {
                for (int i = 1; i <= SetsPerProcess; i++)
                {
                    Assert.Contains($"KEY_{id}_{i}", keys);
                }
            }

            Assert.Equal(2 + (2 * SetsPerProcess), lines.Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The repository's own pwsh (.config/dotnet-tools.json), started from the repository root where 'dotnet pwsh'
    // finds its tool manifest.
    private static Process Start(string file, string id)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = false,
            UseShellExecute = false,
            WorkingDirectory = PowerShellSession.RepoRoot,
        };
        foreach (string argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command" })
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add($"$ErrorActionPreference = 'Stop'; Import-Module '{PowerShellSession.ManifestPath}'; 1..{SetsPerProcess} | ForEach-Object {{ Set-TfConfig -Name \"KEY_{id}_$_\" -Value $_ -Path '{file}' }}");
        return Process.Start(info)!;
    }
}

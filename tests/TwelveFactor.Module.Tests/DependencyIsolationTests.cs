using System;
using System.IO;
using System.Linq;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

/// <summary>
/// Importing TwelveFactor into a session that already loaded another YamlDotNet must work: the module's
/// dependencies live in its own AssemblyLoadContext (STYLE.md rule 3).
/// </summary>
public sealed class DependencyIsolationTests
{
    [Fact]
    public void Module_imports_and_uses_its_own_YamlDotNet_after_another_version_was_loaded()
    {
        string other = Path.Combine(AppContext.BaseDirectory, "conflicting", "YamlDotNet.dll");
        Assert.True(File.Exists(other), "the conflicting YamlDotNet was not copied to the test output");

        using var ps = new PowerShellSession(importModule: false);
        var result = ps.Run("""
            $loaded = [Reflection.Assembly]::LoadFrom($other)
            Import-Module $manifest -ErrorAction Stop
            [IO.File]::WriteAllText([IO.Path]::Combine($PWD.ProviderPath, '.env'), "PORT=8080`nNAME='true'`n")
            [IO.File]::WriteAllText([IO.Path]::Combine($PWD.ProviderPath, 'schema.yaml'), "keys:`n  PORT:`n    type: port`n  MISSING_KEY:`n    required: true`n")
            [pscustomobject]@{
                OtherVersion = $loaded.GetName().Version.ToString()
                Findings = @(Test-TfConfig -Schema ./schema.yaml | Where-Object Rule -eq MissingKey | ForEach-Object Key)
                ModuleYaml = [System.Runtime.Loader.AssemblyLoadContext]::All |
                    Where-Object Name -eq 'TwelveFactor' |
                    ForEach-Object { $_.Assemblies } |
                    Where-Object { $_.GetName().Name -eq 'YamlDotNet' } |
                    ForEach-Object { $_.GetName().Version.ToString() }
            }
            """, new() { ["other"] = other, ["manifest"] = PowerShellSession.ManifestPath });

        Assert.Null(result.Terminating);
        result.AssertNoErrors();
        var row = Assert.Single(result.Output);
        Assert.StartsWith("13.", row.Properties["OtherVersion"].Value?.ToString());
        Assert.StartsWith("18.", row.Properties["ModuleYaml"].Value?.ToString());
        // The YAML schema was read by the module's own YamlDotNet 18, though 13 was loaded first.
        Assert.Equal(new[] { "MISSING_KEY" }, ((object[])row.Properties["Findings"].Value).Select(o => o.ToString() ?? string.Empty).ToArray());
    }
}

using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
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

    [Fact]
    public void Build_lists_every_dependency_with_the_version_its_file_carries()
    {
        string folder = Path.Combine(PowerShellSession.ModuleFolder, "Dependencies");
        var listed = File.ReadAllLines(Path.Combine(folder, "assembly-versions.txt"))
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => parts[1]);
        var files = Directory.GetFiles(folder, "*.dll");

        Assert.Equal(files.Length, listed.Count);
        foreach (string file in files)
        {
            Assert.Equal(AssemblyName.GetAssemblyName(file).Version!.ToString(), listed[Path.GetFileNameWithoutExtension(file)]);
        }
    }

    // The module's load context serves a framework assembly (System.Text.Json here) from the framework unless the
    // build's list says the Dependencies copy is newer; without a list it reads the copy's version from the file.
    [Theory]
    [InlineData("1.0.0.0", false)]
    [InlineData("99.0.0.0", true)]
    [InlineData(null, false)]
    public void Framework_assembly_comes_from_the_framework_unless_the_listed_copy_is_newer(string? listedVersion, bool copyExpected)
    {
        string folder = Directory.CreateTempSubdirectory("tf-load-context-").FullName;
        try
        {
            string framework = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "System.Text.Json.dll");
            string copy = Path.Combine(folder, "System.Text.Json.dll");
            File.Copy(framework, copy);
            if (listedVersion is not null)
            {
                File.WriteAllLines(Path.Combine(folder, "assembly-versions.txt"), new[] { "Other.Assembly 5.0.0.0", "System.Text.Json " + listedVersion });
            }

            var moduleAssembly = Assembly.LoadFrom(Path.Combine(PowerShellSession.ModuleFolder, "TwelveFactor.dll"));
            var contextType = moduleAssembly.GetType("TwelveFactor.DependencyLoadContext", throwOnError: true)!;
            var context = (AssemblyLoadContext)Activator.CreateInstance(contextType, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, null, new object[] { folder }, null)!;

            var loaded = context.LoadFromAssemblyName(new AssemblyName("System.Text.Json"));

            if (copyExpected)
            {
                Assert.Equal(copy, loaded.Location);
                Assert.Same(context, AssemblyLoadContext.GetLoadContext(loaded));
            }
            else
            {
                Assert.Equal(framework, loaded.Location);
                Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(loaded));
            }
        }
        finally
        {
            // The copy may be loaded (and so mapped) for the rest of the test run; the folder goes when it can.
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

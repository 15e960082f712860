using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

public sealed class ModuleManifestTests
{
    [Fact]
    public void Manifest_passes_Test_ModuleManifest_with_the_version_from_Directory_Build_props()
    {
        using var ps = new PowerShellSession(importModule: false);
        var result = ps.Run("Test-ModuleManifest -Path $manifest", new() { ["manifest"] = PowerShellSession.ManifestPath }).AssertNoErrors();

        var module = Assert.Single(result.Output);
        string props = File.ReadAllText(Path.Combine(PowerShellSession.RepoRoot, "Directory.Build.props"));
        string version = Regex.Match(props, "<VersionPrefix>([^<]+)</VersionPrefix>").Groups[1].Value;
        Assert.Equal(version, module.Properties["Version"].Value.ToString());
        Assert.Equal("TwelveFactor.dll", module.Properties["RootModule"].Value);
    }

    [Fact]
    public void Exported_cmdlets_equal_the_cmdlet_classes_in_the_module_assembly()
    {
        using var ps = new PowerShellSession();
        var result = ps.Run("""
            $module = Get-Module TwelveFactor
            # Import-PowerShellDataFile is not in the hosted engine; this is what it does.
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($manifest, [ref]$null, [ref]$null)
            $manifestData = $ast.Find({ $args[0] -is [System.Management.Automation.Language.HashtableAst] }, $false).SafeGetValue()
            $classes = $module.ImplementingAssembly.GetExportedTypes() |
                ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
                ForEach-Object { "$($_.VerbName)-$($_.NounName)" }
            [pscustomobject]@{
                Classes  = [string[]]$classes
                Exported = [string[]]$module.ExportedCmdlets.Keys
                Manifest = [string[]]$manifestData.CmdletsToExport
            }
            """, new() { ["manifest"] = PowerShellSession.ManifestPath }).AssertNoErrors();

        var row = Assert.Single(result.Output);
        string[] classes = ((string[])row.Properties["Classes"].Value).Order().ToArray();
        string[] exported = ((string[])row.Properties["Exported"].Value).Order().ToArray();
        string[] manifest = (string[])row.Properties["Manifest"].Value;
        Assert.NotEmpty(classes);
        Assert.Equal(classes, exported);
        Assert.Equal(manifest.Length, manifest.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(classes, manifest.Order().ToArray());
        Assert.All(classes, name => Assert.Matches("^[A-Z][a-z]+-Tf[A-Z][A-Za-z]+$", name));
    }

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb_and_declares_its_output_type()
    {
        using var ps = new PowerShellSession();
        var result = ps.Run("""
            $approved = [System.Management.Automation.VerbsCommon], [System.Management.Automation.VerbsData],
                [System.Management.Automation.VerbsLifecycle], [System.Management.Automation.VerbsDiagnostic],
                [System.Management.Automation.VerbsCommunications], [System.Management.Automation.VerbsSecurity],
                [System.Management.Automation.VerbsOther] | ForEach-Object { $_.GetFields().Name }
            Get-Command -Module TwelveFactor | ForEach-Object {
                [pscustomobject]@{ Name = $_.Name; Approved = $approved -contains $_.Verb; OutputTypes = @($_.OutputType).Count }
            }
            """).AssertNoErrors();

        Assert.NotEmpty(result.Output);
        foreach (var command in result.Output)
        {
            Assert.True((bool)command.Properties["Approved"].Value, $"{command.Properties["Name"].Value} has an unapproved verb");
            Assert.True((int)command.Properties["OutputTypes"].Value > 0, $"{command.Properties["Name"].Value} declares no [OutputType]");
        }
    }

    [Fact]
    public void Built_manifest_differs_from_the_source_manifest_only_in_the_stamped_version()
    {
        string source = File.ReadAllText(Path.Combine(PowerShellSession.RepoRoot, "TwelveFactor.psd1"));
        string built = File.ReadAllText(PowerShellSession.ManifestPath);
        string pattern = "ModuleVersion\\s*=\\s*'[^']*'";
        Assert.Equal(Regex.Replace(source, pattern, "V").TrimEnd(), Regex.Replace(built, pattern, "V").TrimEnd());
    }
}

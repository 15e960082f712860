using System.Collections.Generic;
using System.Linq;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

/// <summary>Every exported cmdlet has real help: synopsis, description, an example, and help for each parameter.</summary>
public sealed class ModuleHelpTests
{
    private static readonly HashSet<string> CommonParameters = new()
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
        "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
    };

    public static IEnumerable<object[]> Cmdlets()
    {
        using var ps = new PowerShellSession();
        return ps.Run("(Get-Command -Module TwelveFactor).Name").Output.Select(o => new object[] { o.ToString() }).ToList();
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Cmdlet_has_synopsis_description_example_and_parameter_help(string name)
    {
        using var ps = new PowerShellSession();
        var result = ps.Run("""
            $help = Get-Help -Name $name -Full
            $command = Get-Command -Name $name
            [pscustomobject]@{
                Synopsis    = "$($help.Synopsis)".Trim()
                Description = ($help.Description | ForEach-Object Text) -join ' '
                Examples    = @($help.Examples.Example | Where-Object { $_.Code }).Count
                Documented  = [string[]]@($help.Parameters.Parameter | Where-Object { ($_.Description | ForEach-Object Text) -join '' } | ForEach-Object Name)
                Parameters  = [string[]]@($command.Parameters.Keys)
            }
            """, new() { ["name"] = name }).AssertNoErrors();

        var help = Assert.Single(result.Output);
        string synopsis = (string)help.Properties["Synopsis"].Value;
        Assert.False(string.IsNullOrWhiteSpace(synopsis), $"{name}: no synopsis");
        Assert.DoesNotContain("[<CommonParameters>]", synopsis);
        Assert.False(string.IsNullOrWhiteSpace((string)help.Properties["Description"].Value), $"{name}: no description");
        Assert.True((int)help.Properties["Examples"].Value >= 1, $"{name}: no example");
        var documented = ((string[])help.Properties["Documented"].Value).ToHashSet();
        foreach (string parameter in ((string[])help.Properties["Parameters"].Value).Where(p => !CommonParameters.Contains(p)))
        {
            Assert.True(documented.Contains(parameter), $"{name}: parameter -{parameter} has no help");
        }
    }
}

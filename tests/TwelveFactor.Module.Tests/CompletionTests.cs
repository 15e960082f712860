using System.IO;
using System.Linq;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

public sealed class CompletionTests
{
    private static string[] Complete(PowerShellSession ps, string input)
    {
        var result = ps.Run("(TabExpansion2 -inputScript $s -cursorColumn $s.Length).CompletionMatches | ForEach-Object CompletionText",
            new() { ["s"] = input }).AssertNoErrors();
        return result.Output.Select(o => o.ToString()).ToArray();
    }

    [Fact]
    public void Environment_names_complete_from_the_env_files_here()
    {
        using var ps = new PowerShellSession();
        foreach (string name in new[] { ".env", ".env.staging", ".env.staging.local", ".env.production", ".env.example", ".env.local" })
        {
            File.WriteAllText(ps.PathOf(name), "A=1\n");
        }

        Assert.Equal(new[] { "production", "staging" }, Complete(ps, "Get-TfConfig -Environment "));
        Assert.Equal(new[] { "staging" }, Complete(ps, "Set-TfConfig -Environment st"));
    }

    [Fact]
    public void Keys_complete_from_the_chosen_environments_layers()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "DB_HOST=x\nPORT=1\n");
        File.WriteAllText(ps.PathOf(".env.staging"), "DB_NAME=y\n");

        Assert.Equal(new[] { "DB_HOST", "DB_NAME" }, Complete(ps, "Get-TfConfig -Environment staging -Name DB"));
        Assert.Equal(new[] { "DB_HOST" }, Complete(ps, "Remove-TfConfig -Name db"));
    }
}

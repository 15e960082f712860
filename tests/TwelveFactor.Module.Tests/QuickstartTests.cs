using System.IO;
using System.Linq;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

/// <summary>The README's quickstart runs, as written, in the real engine, so it cannot rot.</summary>
public sealed class QuickstartTests
{
    [Fact]
    public void Quickstart_script_runs_and_shows_masked_production_config()
    {
        using var ps = new PowerShellSession();
        string script = Path.Combine(PowerShellSession.RepoRoot, "samples", "Quickstart.ps1");
        var result = ps.Run("& $script", new() { ["script"] = script }).AssertNoErrors();

        var entries = result.Output.Where(o => o.TypeNames[0] == "TwelveFactor.ConfigEntry").ToList();
        var production = entries.ToDictionary(o => (string)o.Properties["Name"].Value, o => (string)o.Properties["Value"].Value);
        Assert.Equal("5000", production["PORT"]);
        Assert.Equal("warn", production["LOG_LEVEL"]);
        Assert.Equal("postgres://app:********@db.internal:5432/app", production["DATABASE_URL"]);
        Assert.Equal("********", production["SESSION_SECRET"]);
        Assert.Contains(result.Output, o => o.BaseObject is string json && json.Contains("\"DATABASE_URL\": \"postgres://app:********@db.internal:5432/app\""));
        Assert.DoesNotContain("prod-password", result.AllText());
        Assert.Equal(ps.WorkFolder, ps.Run("$PWD.ProviderPath").Output.Single().BaseObject);
    }
}

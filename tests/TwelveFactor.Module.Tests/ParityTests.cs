using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

public sealed class ParityTests
{
    private static PowerShellSession App()
    {
        var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "PORT=8080\n");
        File.WriteAllText(ps.PathOf(".env.example"), "PORT=\n# tf:environment-specific\nDEBUG_TOOLBAR=\n");
        File.WriteAllText(ps.PathOf(".env.development"), "DATABASE_URL=sqlite:///tmp/dev.db\nDEBUG_TOOLBAR=true\nAPI_TOKEN=shared-token-value\nWORKERS=4\n");
        File.WriteAllText(ps.PathOf(".env.production"), "DATABASE_URL=postgres://app:pw-prod-1@db.internal:5432/app\nAPI_TOKEN=shared-token-value\nWORKERS=four\nCACHE_URL=redis://localhost:6379/0\n");
        File.WriteAllText(ps.PathOf("compose.yaml"), "services:\n  web:\n    image: myapp:1.4\n  cache:\n    image: redis:7.2\n");
        File.WriteAllText(ps.PathOf("compose.development.yaml"), "services:\n  cache:\n    image: redis:6.2\n");
        ps.Run("$env:TF_RELEASE_STORE = $s", new() { ["s"] = ps.PathOf("store") }).AssertNoErrors();
        return ps;
    }

    [Fact]
    public void Findings_cover_keys_kinds_localhost_images_secrets_and_types_without_values()
    {
        using var ps = App();
        var result = ps.Run("Test-TfParity -Reference production -Difference development").AssertNoErrors();
        var findings = result.Output.Select(o => (Check: (string)o.Properties["Check"].Value, Key: (string?)o.Properties["Key"].Value, Severity: (string)o.Properties["Severity"].Value)).ToList();

        Assert.Contains(findings, f => f.Check == "MissingKey" && f.Key == "CACHE_URL");
        Assert.DoesNotContain(findings, f => f.Key == "DEBUG_TOOLBAR");
        Assert.Contains(findings, f => f.Check == "BackingServiceKind" && f.Key == "DATABASE_URL" && f.Severity == "Error");
        Assert.Contains(findings, f => f.Check == "LocalhostInNonLocal" && f.Key == "CACHE_URL");
        Assert.Contains(findings, f => f.Check == "ImageVersion" && f.Key == "cache");
        Assert.Contains(findings, f => f.Check == "SecretReuse" && f.Key == "API_TOKEN");
        Assert.Contains(findings, f => f.Check == "ValueType" && f.Key == "WORKERS");
        Assert.All(result.Output, o => Assert.Equal("TwelveFactor.ParityFinding", o.TypeNames[0]));
        string all = result.AllText();
        Assert.DoesNotContain("shared-token-value", all);
        Assert.DoesNotContain("pw-prod-1", all);
    }

    [Fact]
    public void Strict_fails_with_error_records_and_Quiet_answers_false()
    {
        using var ps = App();
        var strict = ps.Run("Test-TfParity -Reference production -Difference development -Strict");
        Assert.Equal("ParityBroken,TwelveFactor.Commands.TestTfParityCommand", strict.ErrorIds[^1]);
        Assert.Contains("ParityFindingBackingServiceKind,TwelveFactor.Commands.TestTfParityCommand", strict.ErrorIds);
        Assert.DoesNotContain("pw-prod-1", strict.AllText());

        var quiet = ps.Run("Test-TfParity production development -Quiet").AssertNoErrors();
        Assert.Equal(false, Assert.Single(quiet.Output).BaseObject);
    }

    [Fact]
    public void In_Azure_Pipelines_findings_are_written_as_logissue_commands()
    {
        using var ps = App();
        var result = ps.Run("$env:TF_BUILD = 'True'; try { Test-TfParity production development } finally { $env:TF_BUILD = $null }").AssertNoErrors();
        var lines = result.Information.Select(i => i.MessageData.ToString()!).ToList();
        Assert.Contains(lines, l => l.StartsWith("##vso[task.logissue type=error;sourcepath=" + ps.PathOf(".env.development")) && l.Contains("DATABASE_URL"));
        Assert.DoesNotContain("shared-token-value", string.Join("\n", lines));
    }

    [Fact]
    public void An_unknown_environment_is_ObjectNotFound()
    {
        using var ps = App();
        var result = ps.Run("Test-TfParity -Reference production -Difference nope");
        Assert.Equal(new[] { "EnvironmentNotFound,TwelveFactor.Commands.TestTfParityCommand" }, result.ErrorIds);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
    }

    [Fact]
    public void A_malformed_compose_file_is_an_error_naming_the_file()
    {
        using var ps = App();
        File.WriteAllText(ps.PathOf("compose.yaml"), "services:\n  web: [unclosed\n");
        var result = ps.Run("Test-TfParity production development");
        Assert.Contains("ComposeFileInvalid,TwelveFactor.Commands.TestTfParityCommand", result.ErrorIds);
        Assert.Contains(ps.PathOf("compose.yaml"), result.Errors.First(e => e.FullyQualifiedErrorId.StartsWith("ComposeFileInvalid")).Exception.Message);
    }

    [Fact]
    public void A_locator_that_does_not_parse_is_an_error_naming_the_key_not_the_value()
    {
        using var ps = App();
        File.WriteAllText(ps.PathOf(".env.qa"), "DATABASE_URL=postgres://app:bad-pw-5@db:notaport/app\n");
        var result = ps.Run("Get-TfBackingService -Environment qa");
        Assert.Equal(new[] { "BackingServiceLocatorInvalid,TwelveFactor.Commands.GetTfBackingServiceCommand" }, result.ErrorIds);
        Assert.Equal("DATABASE_URL", result.Errors[0].TargetObject);
        Assert.Contains(ps.PathOf(".env.qa") + ":1", result.Errors[0].Exception.Message);
        Assert.DoesNotContain("bad-pw-5", result.AllText());
    }

    [Fact]
    public void Backing_services_are_found_masked_and_tested_against_a_real_listener()
    {
        using var ps = App();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int open = ((IPEndPoint)listener.LocalEndpoint).Port;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int closed = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        try
        {
            File.WriteAllText(ps.PathOf(".env.staging"), $"CACHE_URL=redis://:cache-pw-2@127.0.0.1:{open}/0\nQUEUE_URL=amqp://u:p@127.0.0.1:{closed}/vhost\nNAME=plain\n");
            var found = ps.Run("Get-TfBackingService -Environment staging").AssertNoErrors();
            Assert.Equal(new[] { "CACHE_URL", "QUEUE_URL" }, found.Output.Select(o => (string)o.Properties["Name"].Value));
            Assert.Equal($"redis://:********@127.0.0.1:{open}/0", found.Output[0].Properties["Url"].Value);
            Assert.Equal("redis", found.Output[0].Properties["Kind"].Value);

            var tested = ps.Run("Get-TfBackingService -Environment staging | Test-TfBackingService -Timeout 00:00:05").AssertNoErrors();
            var status = tested.Output.ToDictionary(o => (string)o.Properties["Name"].Value, o => ((string)o.Properties["Status"].Value, (string?)o.Properties["FailedStep"].Value));
            Assert.Equal(("Succeeded", null), status["CACHE_URL"]);
            Assert.Equal(("Failed", "Connect"), status["QUEUE_URL"]);
            Assert.DoesNotContain("cache-pw-2", tested.AllText() + found.AllText());

            var quiet = ps.Run("Get-TfBackingService -Environment staging -Name CACHE_URL | Test-TfBackingService -Quiet").AssertNoErrors();
            Assert.Equal(true, Assert.Single(quiet.Output).BaseObject);
        }
        finally
        {
            listener.Stop();
        }
    }
}

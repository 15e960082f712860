using System;
using System.IO;
using System.Linq;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

public sealed class ImportExportTfConfigTests
{
    [Fact]
    public void Import_sets_process_variables_honours_WhatIf_and_PassThru_masks_secrets()
    {
        using var ps = new PowerShellSession();
        string suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        File.WriteAllText(ps.PathOf(".env"), $"TFI_{suffix}_HOST=db\nTFI_{suffix}_PASSWORD=pw-9\n");
        try
        {
            ps.Run("Import-TfConfig -WhatIf").AssertNoErrors();
            Assert.Null(Environment.GetEnvironmentVariable($"TFI_{suffix}_HOST"));

            var result = ps.Run("Import-TfConfig -PassThru").AssertNoErrors();
            Assert.Equal("db", Environment.GetEnvironmentVariable($"TFI_{suffix}_HOST"));
            Assert.Equal("pw-9", Environment.GetEnvironmentVariable($"TFI_{suffix}_PASSWORD"));
            Assert.Equal(new[] { "db", "********" }, result.Output.Select(o => o.Properties["Value"].Value));
        }
        finally
        {
            Environment.SetEnvironmentVariable($"TFI_{suffix}_HOST", null);
            Environment.SetEnvironmentVariable($"TFI_{suffix}_PASSWORD", null);
        }
    }

    [Fact]
    public void AzureDevOps_export_escapes_exactly_as_the_agent_decodes()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "PLAIN=a;b]c%d\nAPI_TOKEN=\"t%k;1\"\nNOTE=\"two\\nlines\"\n");
        var result = ps.Run("$env:TF_BUILD = 'True'; try { Export-TfConfig -Format AzureDevOps -Precedence FilesOnly } finally { $env:TF_BUILD = $null }").AssertNoErrors();

        Assert.Equal(new[]
        {
            "##vso[task.setvariable variable=PLAIN]a%3Bb%5Dc%AZP25d",
            "##vso[task.setvariable variable=API_TOKEN;issecret=true]t%AZP25k%3B1",
            "##vso[task.setvariable variable=NOTE]two%0Alines",
        }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void AzureDevOps_export_refuses_a_multiline_secret_naming_only_the_key()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "CERT_PASSWORD=\"line-one\\nline-two\"\nOK=1\n");
        var result = ps.Run("$env:TF_BUILD = 'True'; try { Export-TfConfig -Format AzureDevOps } finally { $env:TF_BUILD = $null }");

        Assert.Equal(new[] { "ExportKeySkipped,TwelveFactor.Commands.ExportTfConfigCommand" }, result.ErrorIds);
        Assert.Equal("CERT_PASSWORD", result.Errors[0].TargetObject);
        Assert.Equal(new[] { "##vso[task.setvariable variable=OK]1" }, result.Output.Select(o => o.BaseObject));
        Assert.DoesNotContain("line-one", result.AllText());
    }

    [Fact]
    public void Agent_formats_refuse_to_print_secrets_outside_their_agent()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "API_TOKEN=agent-secret-6\n");
        var result = ps.Run("$env:TF_BUILD = $null; $env:GITHUB_ENV = $null; Export-TfConfig -Format AzureDevOps -Precedence FilesOnly; Export-TfConfig -Format GitHubActions -Precedence FilesOnly");

        Assert.Equal(new[]
        {
            "ExportDestinationMissing,TwelveFactor.Commands.ExportTfConfigCommand",
            "ExportDestinationMissing,TwelveFactor.Commands.ExportTfConfigCommand",
        }, result.ErrorIds);
        Assert.Empty(result.Output);
        Assert.DoesNotContain("agent-secret-6", result.AllText());
    }

    [Fact]
    public void GitHubActions_export_appends_heredocs_to_GITHUB_ENV_and_masks_secrets()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "SIMPLE=v=1\nDB_PASSWORD=\"p%1\\nsecond\"\n");
        File.WriteAllText(ps.PathOf("github_env"), "EARLIER=kept\n");
        var result = ps.Run("""
            $env:GITHUB_ACTIONS = 'true'; $env:GITHUB_ENV = [IO.Path]::Combine($PWD.ProviderPath, 'github_env')
            try { Export-TfConfig -Format GitHubActions } finally { $env:GITHUB_ACTIONS = $null; $env:GITHUB_ENV = $null }
            """).AssertNoErrors();

        // The runner masks what follows from stdout; the variables go to $GITHUB_ENV.
        Assert.Equal(new[] { "::add-mask::p%251", "::add-mask::second" }, result.Output.Select(o => o.BaseObject));
        string[] lines = File.ReadAllText(ps.PathOf("github_env")).Split('\n');
        Assert.Equal("EARLIER=kept", lines[0]);
        Assert.Equal("SIMPLE=v=1", lines[1]);
        Assert.Matches("^DB_PASSWORD<<ghadelimiter_[0-9a-f]{32}$", lines[2]);
        Assert.Equal(new[] { "p%1", "second" }, lines[3..5]);
        Assert.Equal(lines[2]["DB_PASSWORD<<".Length..], lines[5]);
        Assert.Equal(string.Empty, lines[6]);
    }

    [Fact]
    public void Document_formats_mask_secrets_on_the_pipeline_and_write_files_atomically_in_full()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "PORT=8080\nAPI_TOKEN=tok'1\n");
        var result = ps.Run("""
            Export-TfConfig -Format Json -Precedence FilesOnly
            Export-TfConfig -Format Dotenv -Precedence FilesOnly -Path out.env
            Export-TfConfig -Format DockerEnvFile -Precedence FilesOnly -AsPlainText
            Export-TfConfig -Format Json -Path never.json -WhatIf
            """).AssertNoErrors();

        // One string per line on the pipeline.
        Assert.Equal(new[] { "{", "  \"PORT\": \"8080\",", "  \"API_TOKEN\": \"********\"", "}" }, result.Output.Take(4).Select(o => ((string)o.BaseObject).TrimEnd('\r')));
        Assert.Equal("PORT=8080\n# tf:secret\nAPI_TOKEN=\"tok'1\"\n", File.ReadAllText(ps.PathOf("out.env")));
        Assert.Equal(new[] { "PORT=8080", "API_TOKEN=tok'1" }, result.Output.Skip(4).Select(o => o.BaseObject));
        Assert.False(File.Exists(ps.PathOf("never.json")));
    }

    [Fact]
    public void Export_takes_entries_from_the_pipeline()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "A=1\nB=2\nDB_PASSWORD=x\n");
        var result = ps.Run("Get-TfConfig -Name A, DB_PASSWORD -Precedence FilesOnly | Export-TfConfig -Format DockerEnvFile -AsPlainText").AssertNoErrors();
        Assert.Equal(new[] { "A=1", "DB_PASSWORD=x" }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void DockerEnvFile_cannot_carry_a_multiline_value()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "A=\"x\\ny\"\nB=2\n");
        var result = ps.Run("Export-TfConfig -Format DockerEnvFile -Precedence FilesOnly");
        Assert.Equal(new[] { "ExportKeySkipped,TwelveFactor.Commands.ExportTfConfigCommand" }, result.ErrorIds);
        Assert.Equal("B=2", Assert.Single(result.Output).BaseObject);
    }
}

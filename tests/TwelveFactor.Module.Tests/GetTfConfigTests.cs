using System;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

public sealed class GetTfConfigTests
{
    private const string FqidSuffix = ",TwelveFactor.Commands.GetTfConfigCommand";

    private static PowerShellSession AppWithLayers()
    {
        var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "# shared defaults\nPORT=8080\nLOG_LEVEL=info\nDB_HOST=localhost\nDATABASE_URL=\"postgres://app:${DB_PASS:-pw}@${DB_HOST}/app\"\n");
        File.WriteAllText(ps.PathOf(".env.local"), "LOG_LEVEL=debug\n");
        File.WriteAllText(ps.PathOf(".env.staging"), "DB_HOST=db.staging\nexport API_TOKEN='tok-123'\n");
        File.WriteAllText(ps.PathOf(".env.staging.local"), "PORT=9090\n");
        return ps;
    }

    [Fact]
    public void Layers_resolve_in_documented_order_with_sources_and_overrides()
    {
        using var ps = AppWithLayers();
        var result = ps.Run("Get-TfConfig -Environment staging -Precedence FilesOnly").AssertNoErrors();

        var byName = result.Output.ToDictionary(o => (string)o.Properties["Name"].Value);
        Assert.Equal(new[] { "PORT", "LOG_LEVEL", "DB_HOST", "DATABASE_URL", "API_TOKEN" }, byName.Keys);
        Assert.Equal("9090", byName["PORT"].Properties["Value"].Value);
        Assert.Equal(ps.PathOf(".env.staging.local") + ":1", byName["PORT"].Properties["Source"].Value);
        Assert.Equal(new[] { ps.PathOf(".env") + ":2" }, (string[])byName["PORT"].Properties["Overrides"].Value);
        Assert.Equal("debug", byName["LOG_LEVEL"].Properties["Value"].Value);
        Assert.Equal("db.staging", byName["DB_HOST"].Properties["Value"].Value);
        Assert.Equal("staging", byName["DB_HOST"].Properties["Environment"].Value);

        // Interpolation sees lower layers' values as resolved so far: .env's own DB_HOST, and the masked URL password.
        Assert.Equal("postgres://app:********@localhost/app", byName["DATABASE_URL"].Properties["Value"].Value);
        Assert.True((bool)byName["DATABASE_URL"].Properties["IsSecret"].Value);
        Assert.Equal("********", byName["API_TOKEN"].Properties["Value"].Value);
        Assert.Equal("TwelveFactor.ConfigEntry", byName["PORT"].TypeNames[0]);
    }

    [Fact]
    public void Process_environment_wins_by_default_and_files_win_only_when_asked()
    {
        using var ps = AppWithLayers();
        string name = "TF_TEST_PORT_" + Guid.NewGuid().ToString("N")[..8];
        File.AppendAllText(ps.PathOf(".env"), name + "=from-file\n");
        Environment.SetEnvironmentVariable(name, "from-process");
        try
        {
            var byDefault = ps.Run($"Get-TfConfig -Name {name}").AssertNoErrors();
            var entry = Assert.Single(byDefault.Output);
            Assert.Equal("from-process", entry.Properties["Value"].Value);
            Assert.Equal("$env:" + name, entry.Properties["Source"].Value);
            Assert.Equal(new[] { ps.PathOf(".env") + ":6" }, (string[])entry.Properties["Overrides"].Value);

            var filesWin = ps.Run($"Get-TfConfig -Name {name} -Precedence Files").AssertNoErrors();
            Assert.Equal("from-file", Assert.Single(filesWin.Output).Properties["Value"].Value);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void AsHashtable_returns_ordered_values_masked_unless_AsPlainText()
    {
        using var ps = AppWithLayers();
        var masked = ps.Run("Get-TfConfig -Environment staging -Precedence FilesOnly -AsHashtable").AssertNoErrors();
        var table = Assert.IsType<OrderedDictionary>(Assert.Single(masked.Output).BaseObject);
        Assert.Equal(new object[] { "PORT", "LOG_LEVEL", "DB_HOST", "DATABASE_URL", "API_TOKEN" }, table.Keys.Cast<object>().ToArray());
        Assert.Equal("********", table["API_TOKEN"]);

        var plain = ps.Run("(Get-TfConfig -Environment staging -Precedence FilesOnly -AsHashtable -AsPlainText)['API_TOKEN']").AssertNoErrors();
        Assert.Equal("tok-123", Assert.Single(plain.Output).BaseObject);
    }

    [Fact]
    public void Path_reads_exactly_the_given_files_in_order_later_winning()
    {
        using var ps = AppWithLayers();
        File.WriteAllText(ps.PathOf("a.env"), "X=1\nY=a\n");
        File.WriteAllText(ps.PathOf("b.env"), "X=2\n");
        var result = ps.Run("Get-TfConfig -Path a.env, b.env").AssertNoErrors();
        Assert.Equal(new[] { "X=2", "Y=a" }, result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Default_environment_comes_from_TF_ENVIRONMENT()
    {
        using var ps = AppWithLayers();
        var result = ps.Run("$env:TF_ENVIRONMENT = 'staging'; try { (Get-TfConfig -Name DB_HOST -Precedence FilesOnly).Value } finally { $env:TF_ENVIRONMENT = $null }").AssertNoErrors();
        Assert.Equal("db.staging", Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void A_syntax_error_names_file_line_and_column_and_loads_nothing_from_that_file()
    {
        using var ps = AppWithLayers();
        File.WriteAllText(ps.PathOf(".env.staging"), "DB_HOST=db.staging\nBROKEN='no end\n");
        var result = ps.Run("Get-TfConfig -Environment staging -Precedence FilesOnly");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ConfigFileSyntax" + FqidSuffix, error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ParserError, error.CategoryInfo.Category);
        Assert.Equal(ps.PathOf(".env.staging"), error.TargetObject);
        Assert.Contains(ps.PathOf(".env.staging") + ":2:", error.Exception.Message);

        // The shared layers still load; the broken file contributes nothing, not even its good first line.
        var values = result.Output.ToDictionary(o => (string)o.Properties["Name"].Value, o => (string)o.Properties["Value"].Value);
        Assert.Equal("localhost", values["DB_HOST"]);
        Assert.False(values.ContainsKey("BROKEN"));
    }

    [Fact]
    public void A_failed_required_substitution_is_an_error_with_the_users_message_and_no_value()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "SECRET_SEED=hunter2\nURL=${TF_SURELY_UNSET_VARIABLE:?set the URL first}\n");
        var result = ps.Run("Get-TfConfig");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ConfigInterpolationFailed" + FqidSuffix, error.FullyQualifiedErrorId);
        Assert.Contains("set the URL first", error.Exception.Message);
        Assert.Contains(ps.PathOf(".env") + ":2:", error.Exception.Message);
        Assert.Empty(result.Output);
        Assert.DoesNotContain("hunter2", result.AllText());
    }

    [Fact]
    public void Missing_explicit_file_and_binary_file_get_clear_errors()
    {
        using var ps = new PowerShellSession();
        File.WriteAllBytes(ps.PathOf("binary.env"), new byte[] { 0x41, 0x3D, 0x00, 0x01, 0xFF, 0x0A });
        var result = ps.Run("Get-TfConfig -LiteralPath missing.env; Get-TfConfig -LiteralPath binary.env");

        Assert.Equal(new[] { "ConfigFileNotFound" + FqidSuffix, "ConfigFileSyntax" + FqidSuffix }, result.ErrorIds);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
        Assert.Equal(ps.PathOf("missing.env"), result.Errors[0].TargetObject);
        Assert.Contains("binary", result.Errors[1].Exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_unknown_key_name_is_an_ObjectNotFound_error()
    {
        using var ps = AppWithLayers();
        var result = ps.Run("Get-TfConfig -Name NOPE, PORT");
        Assert.Equal(new[] { "ConfigKeyNotFound" + FqidSuffix }, result.ErrorIds);
        Assert.Equal("PORT", Assert.Single(result.Output).Properties["Name"].Value);
    }

    [Fact]
    public void Secrets_never_reach_output_verbose_or_errors_without_AsPlainText()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "# tf:secret\nPLAIN_NAME=marked-value-1\nDB_PASSWORD=pw-value-2\nREDIS_URL=redis://u:url-pass-3@cache:6379/0\n");
        File.WriteAllText(ps.PathOf(".env.local"), "DB_PASSWORD='unterminated-secret-4\n");
        var result = ps.Run("Get-TfConfig -Verbose; Get-TfConfig -Name PLAIN_NAME, DB_PASSWORD -AsHashtable");

        string all = result.AllText();
        Assert.DoesNotContain("marked-value-1", all);
        Assert.DoesNotContain("pw-value-2", all);
        Assert.DoesNotContain("url-pass-3", all);
        Assert.DoesNotContain("unterminated-secret-4", all);
        Assert.Contains("redis://u:********@cache:6379/0", all);
        Assert.NotEmpty(result.Verbose);
        Assert.Equal(2, result.Errors.Count);
    }
}

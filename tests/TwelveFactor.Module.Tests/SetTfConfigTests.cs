using System;
using System.IO;
using System.Linq;
using System.Text;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

public sealed class SetTfConfigTests
{
    private const string Original = "\uFEFF# header comment\r\nexport PORT = 8080   # the port\r\n\r\nNAME='my app'\r\nLAST=x";

    [Fact]
    public void Set_changes_only_the_value_and_keeps_every_other_byte()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), Original, new UTF8Encoding(false));
        ps.Run("Set-TfConfig -Name PORT -Value 9090; Set-TfConfig NAME 'your app'").AssertNoErrors();

        Assert.Equal(
            "\uFEFF# header comment\r\nexport PORT = 9090   # the port\r\n\r\nNAME='your app'\r\nLAST=x",
            Encoding.UTF8.GetString(File.ReadAllBytes(ps.PathOf(".env"))));
    }

    [Fact]
    public void Set_appends_a_new_key_in_the_files_newline_style_and_creates_missing_files()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), Original, new UTF8Encoding(false));
        ps.Run("Set-TfConfig -Name NEW_KEY -Value 'a b'; Set-TfConfig -Name REGION -Value eu-west-1 -Environment staging").AssertNoErrors();

        Assert.Equal(Original + "\r\nNEW_KEY='a b'", Encoding.UTF8.GetString(File.ReadAllBytes(ps.PathOf(".env"))).TrimEnd('\r', '\n'));
        Assert.Equal("REGION=eu-west-1\n", File.ReadAllText(ps.PathOf(".env.staging")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ps.PathOf(".env.staging")));
        }
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("with space")]
    [InlineData("it's \"quoted\" #not-a-comment")]
    [InlineData("multi\nline\r\nvalue")]
    [InlineData("$HOME ${X:-y} \\ trailing\\")]
    [InlineData("")]
    [InlineData("ünïcödé ✓")]
    public void A_written_value_reads_back_exactly(string value)
    {
        using var ps = new PowerShellSession();
        var result = ps.Run("Set-TfConfig -Name K -Value $v; (Get-TfConfig -Name K -Precedence FilesOnly).Value", new() { ["v"] = value }).AssertNoErrors();
        Assert.Equal(value, Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void A_SecureString_value_is_marked_secret_and_never_shown()
    {
        using var ps = new PowerShellSession();
        var result = ps.Run("""
            $secure = [System.Net.NetworkCredential]::new('', 'sup3r-s3cret').SecurePassword
            Set-TfConfig -Name SIGNING_SEED -Value $secure -PassThru -Verbose
            (Get-TfConfig -Name SIGNING_SEED -AsPlainText).Value
            """).AssertNoErrors();

        var entry = result.Output[0];
        Assert.Equal("********", entry.Properties["Value"].Value);
        Assert.True((bool)entry.Properties["IsSecret"].Value);
        Assert.Equal("sup3r-s3cret", result.Output[1].BaseObject);
        Assert.Equal("# tf:secret\nSIGNING_SEED=sup3r-s3cret\n", File.ReadAllText(ps.PathOf(".env")));
        Assert.DoesNotContain("sup3r-s3cret", string.Join("\n", result.Verbose.Select(v => v.Message)));
    }

    [Fact]
    public void Piping_Get_into_Set_copies_an_environment_including_secrets_and_markings()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env.staging"), "API_URL=https://staging.example\n# tf:secret\nSIGNING_SEED=seed value\nDB_PASSWORD=p@ss\n");
        ps.Run("Get-TfConfig -Environment staging -Precedence FilesOnly | Set-TfConfig -Environment production").AssertNoErrors();

        Assert.Equal(
            "API_URL=https://staging.example\nDB_PASSWORD=p@ss\n# tf:secret\nSIGNING_SEED='seed value'\n",
            File.ReadAllText(ps.PathOf(".env.production")));
    }

    [Fact]
    public void WhatIf_changes_nothing_and_says_what_it_would_do()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env.staging"), "A=1\nB=2\n");
        var result = ps.Run("Get-TfConfig -Environment staging -Precedence FilesOnly | Set-TfConfig -Environment production -WhatIf; Set-TfConfig -Name A -Value 9 -Environment staging -WhatIf").AssertNoErrors();

        Assert.False(File.Exists(ps.PathOf(".env.production")));
        Assert.Equal("A=1\nB=2\n", File.ReadAllText(ps.PathOf(".env.staging")));
    }

    [Fact]
    public void An_invalid_key_is_an_InvalidArgument_error_and_the_file_is_untouched()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "A=1\n");
        var result = ps.Run("Set-TfConfig -Name 'BAD KEY' -Value 1; Set-TfConfig -Name '1ABC' -Value 1; Set-TfConfig -Name OK");

        Assert.Equal(new[]
        {
            "ConfigKeyInvalid,TwelveFactor.Commands.SetTfConfigCommand",
            "ConfigKeyInvalid,TwelveFactor.Commands.SetTfConfigCommand",
            "ConfigValueMissing,TwelveFactor.Commands.SetTfConfigCommand",
        }, result.ErrorIds);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, result.Errors[0].CategoryInfo.Category);
        Assert.Equal("BAD KEY", result.Errors[0].TargetObject);
        Assert.Equal("A=1\n", File.ReadAllText(ps.PathOf(".env")));
    }

    [Fact]
    public void Setting_into_a_broken_or_binary_file_fails_and_leaves_it_byte_for_byte()
    {
        using var ps = new PowerShellSession();
        byte[] binary = { 0x41, 0x3D, 0x00, 0x01, 0xFE, 0x0A };
        File.WriteAllBytes(ps.PathOf(".env"), binary);
        File.WriteAllText(ps.PathOf(".env.staging"), "A='open\n");
        var result = ps.Run("Set-TfConfig -Name A -Value 1; Set-TfConfig -Name B -Value 2 -Environment staging");

        Assert.Equal(new[]
        {
            "ConfigFileSyntax,TwelveFactor.Commands.SetTfConfigCommand",
            "ConfigFileSyntax,TwelveFactor.Commands.SetTfConfigCommand",
        }, result.ErrorIds);
        Assert.Equal(binary, File.ReadAllBytes(ps.PathOf(".env")));
        Assert.Equal("A='open\n", File.ReadAllText(ps.PathOf(".env.staging")));
        Assert.Empty(Directory.GetFiles(ps.WorkFolder, "*.tmp*"));
    }

    [Fact]
    public void Set_keeps_the_files_permissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "A=1\n");
        File.SetUnixFileMode(ps.PathOf(".env"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        ps.Run("Set-TfConfig -Name A -Value 2").AssertNoErrors();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(ps.PathOf(".env")));
    }

    [Fact]
    public void Remove_deletes_the_key_its_annotation_and_nothing_else()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "# keep me\r\nA=1\r\n# tf:secret\r\nOLD_TOKEN=\"multi\r\nline\"\r\nB=2\r\nOLD_X=3\r\n");
        var result = ps.Run("Remove-TfConfig -Name OLD_* -WhatIf; Remove-TfConfig -Name OLD_*; Remove-TfConfig -Name NOT_THERE");

        Assert.Equal(new[] { "ConfigKeyNotFound,TwelveFactor.Commands.RemoveTfConfigCommand" }, result.ErrorIds);
        Assert.Equal("# keep me\r\nA=1\r\nB=2\r\n", File.ReadAllText(ps.PathOf(".env")));
    }
}

using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

public sealed class FormatViewTests
{
    [Theory]
    [InlineData("/srv/app/.env.production:3:10", ".env.production", "3:10")]
    [InlineData("/srv/app/config.schema.yaml:4", "config.schema.yaml", "4")]
    [InlineData("C:\\app\\.env:12:1", ".env", "12:1")]
    [InlineData("/srv/app/missing.env", "missing.env", "")]
    [InlineData("/srv/app:v2/.env:7", ".env", "7")]
    [InlineData("$env:DATABASE_URL", "$env:DATABASE_URL", "")]
    public void A_finding_source_splits_into_its_file_and_its_position(string source, string file, string position)
    {
        using var ps = new PowerShellSession();
        var output = ps.Run("[TwelveFactor.DisplayText]::SourceFile($s); [TwelveFactor.DisplayText]::SourcePosition($s)", new() { ["s"] = source })
            .AssertNoErrors().Output.Select(o => o.ToString()).ToList();

        // A Windows path's folders are cut where '\\' separates them, on Windows only.
        string expectedFile = source.StartsWith("C:", StringComparison.Ordinal) && !OperatingSystem.IsWindows() ? "C:\\app\\.env" : file;
        Assert.Equal(new[] { expectedFile, position }, output);
    }

    [Fact]
    public void Every_TwelveFactor_output_type_has_a_view_and_every_view_a_type()
    {
        using var ps = new PowerShellSession();
        var declared = ps.Run("Get-Command -Module TwelveFactor | ForEach-Object { $_.OutputType } | ForEach-Object { $_.Name } | Where-Object { $_ -like 'TwelveFactor.*' }")
            .AssertNoErrors().Output.Select(o => o.ToString()).Distinct().OrderBy(n => n).ToList();

        var format = XDocument.Load(Path.Combine(PowerShellSession.ModuleFolder, "TwelveFactor.format.ps1xml"));
        var viewed = format.Descendants("TypeName").Select(e => e.Value.Trim()).Distinct().OrderBy(n => n).ToList();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, viewed);
    }
}

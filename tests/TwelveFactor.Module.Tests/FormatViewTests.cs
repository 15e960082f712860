using System.IO;
using System.Linq;
using System.Xml.Linq;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

public sealed class FormatViewTests
{
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

    [Fact]
    public void The_config_view_renders_a_table_with_masked_values_in_a_real_host()
    {
        string folder = Directory.CreateTempSubdirectory("tf-view-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, ".env"), "PORT=8080\nDB_PASSWORD=view-secret-1\n");
            string host = Path.Combine(PowerShellSession.RepoRoot, "src", "TwelveFactor.Host", "bin",
                System.AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug", "net10.0", "tfhost.dll");
            var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
            info.ArgumentList.Add(host);
            info.ArgumentList.Add("-Command");
            info.ArgumentList.Add("Get-TfConfig -Precedence FilesOnly");
            info.Environment["TF_MODULE_PATH"] = PowerShellSession.ManifestPath;
            using var process = System.Diagnostics.Process.Start(info)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();

            string[] lines = System.Text.RegularExpressions.Regex.Replace(output, "\u001b\\[[0-9;]*m", string.Empty).Split('\n').Select(l => l.TrimEnd()).ToArray();
            Assert.Contains(lines, l => l.StartsWith("Name") && l.Contains("Value") && l.Contains("Secret") && l.Contains("Source"));
            Assert.Contains(lines, l => l.StartsWith("PORT") && l.Contains("8080") && l.Contains("False"));
            Assert.Contains(lines, l => l.StartsWith("DB_PASSWORD") && l.Contains("********") && l.Contains("True"));
            Assert.DoesNotContain("view-secret-1", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

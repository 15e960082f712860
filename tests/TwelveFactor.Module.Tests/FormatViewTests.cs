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
}

using System.IO;
using System.Linq;

namespace TwelveFactor.Module.Tests;

public sealed class ParityReleaseDriftTests
{
    [Fact]
    public void Release_drift_names_each_environments_release()
    {
        using var session = new ReleaseSession();
        File.WriteAllText(session.PathOf(".env.production"), "API_URL=https://example\nDB_PASSWORD=other-secret\n");
        session.Run("New-TfRelease -Path ./build -Environment staging; New-TfRelease -Path ./build -Environment production | Publish-TfRelease -Destination ./deploy").AssertNoErrors();

        var result = session.Run("Test-TfParity -Reference production -Difference staging").AssertNoErrors();
        var drift = result.Output.Where(o => (string)o.Properties["Check"].Value == "ReleaseDrift").Select(o => (string)o.Properties["Message"].Value).ToList();
        Assert.NotEmpty(drift);
        Assert.Contains(drift, m => m.Contains("v2") && m.Contains("v1"));
    }
}

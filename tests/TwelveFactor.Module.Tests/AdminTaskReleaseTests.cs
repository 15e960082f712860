using System.IO;
using System.Linq;

namespace TwelveFactor.Module.Tests;

/// <summary>Invoke-TfAdminTask with a release: its files as working directory, its config snapshot as environment.</summary>
public sealed class AdminTaskReleaseTests
{
    [Fact]
    public void A_piped_release_runs_with_its_own_files_and_config_not_todays()
    {
        using var session = new ReleaseSession();
        // The release is laid out under $XDG_CACHE_HOME/twelvefactor/work: keep it inside the test's folder.
        System.Environment.SetEnvironmentVariable("XDG_CACHE_HOME", session.PathOf("cache"));
        try
        {
            RunsWithItsOwnFilesAndConfig(session);

            // The run's working copy is gone with the run.
            Assert.Empty(Directory.EnumerateFileSystemEntries(session.PathOf("cache/twelvefactor/work")));
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("XDG_CACHE_HOME", null);
        }
    }

    private static void RunsWithItsOwnFilesAndConfig(ReleaseSession session)
    {
        File.WriteAllText(session.PathOf("build/migrate.sh"), "echo \"migrating with $(cat app.dll) at $API_URL, pw ${#DB_PASSWORD}, port $PORT\"\n");
        session.Run("New-TfRelease -Path ./build -Environment staging").AssertNoErrors();

        // Config changes after the release must not reach a task run with the release.
        File.WriteAllText(session.PathOf(".env.staging"), "API_URL=https://changed.example\nDB_PASSWORD=x\n");
        var result = session.Run("Get-TfRelease -Latest | Invoke-TfAdminTask /bin/sh -ArgumentList migrate.sh -PassThru").AssertNoErrors();

        Assert.Equal("migrating with binary v1 at https://staging.example, pw 18, port 8080", result.Output[0].BaseObject);
        var task = result.Output.Single(o => o.TypeNames[0] == "TwelveFactor.AdminTaskResult");
        Assert.Equal("v1", task.Properties["Release"].Value);
        Assert.Equal("staging", task.Properties["Environment"].Value);
        Assert.DoesNotContain("first-secret-value", result.AllText());

        var audit = session.Run("Get-TfAdminTask -Release v1").AssertNoErrors();
        var record = Assert.Single(audit.Output);
        Assert.Equal("v1", record.Properties["Release"].Value);
        Assert.Equal("/bin/sh migrate.sh", record.Properties["Command"].Value);
    }

    [Fact]
    public void A_task_that_writes_into_its_release_files_cannot_change_the_stored_release()
    {
        using var session = new ReleaseSession();
        System.Environment.SetEnvironmentVariable("XDG_CACHE_HOME", session.PathOf("cache"));
        try
        {
            // A migration that rewrites a file of its own release (making it writable first, as root need not).
            var result = session.Run("""
                New-TfRelease -Path ./build | Out-Null
                Get-TfRelease -Latest | Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'chmod u+w app.dll && echo rewritten > app.dll && cat app.dll'
                Test-TfRelease
                """).AssertNoErrors();

            Assert.Equal("rewritten", result.Output[0].BaseObject);
            Assert.Equal(true, result.Output[1].Properties["IsValid"].Value);
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("XDG_CACHE_HOME", null);
        }
    }

    [Fact]
    public void An_unknown_release_is_ReleaseNotFound_and_nothing_runs()
    {
        using var session = new ReleaseSession();
        string marker = session.PathOf("ran");
        var result = session.Run($"Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'touch {marker}' -Release v42");
        Assert.Equal(new[] { "ReleaseNotFound,TwelveFactor.Commands.InvokeTfAdminTaskCommand" }, result.ErrorIds);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
        Assert.False(File.Exists(marker));
    }
}

using System;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace TwelveFactor.Module.Tests;

/// <summary>Publish-, Restore- and Remove-TfRelease through the real engine, each test with its own store.</summary>
public sealed class ReleasePublishTests
{
    [Fact]
    public void New_piped_to_Publish_lays_out_the_release_with_its_env_and_switches_current()
    {
        using var s = new ReleaseSession();
        var result = s.Run("New-TfRelease -Path ./build -Environment staging | Publish-TfRelease -Destination ./deploy -Verbose").AssertNoErrors();

        var publication = Assert.Single(result.Output);
        Assert.Equal("TwelveFactor.ReleasePublication", publication.BaseObject.GetType().FullName);
        Assert.Equal("v1", publication.Properties["Id"].Value);
        Assert.Null(publication.Properties["PreviousId"].Value);
        Assert.Equal(s.PathOf("deploy"), publication.Properties["Destination"].Value);
        Assert.Equal(s.PathOf("deploy/releases/v1"), publication.Properties["ReleasePath"].Value);
        Assert.Equal(3, (int)publication.Properties["FilesLinked"].Value + (int)publication.Properties["FilesCopied"].Value);
        Assert.Equal("binary v1", File.ReadAllText(s.PathOf("deploy/current/app.dll")));
        string env = File.ReadAllText(s.PathOf("deploy/releases/v1/.env"));
        Assert.Contains("API_URL=https://staging.example", env);
        Assert.Contains("DB_PASSWORD=first-secret-value", env);
        Assert.Contains("PORT=8080", env);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal("releases/v1", new FileInfo(s.PathOf("deploy/current")).LinkTarget);
        }

        Assert.DoesNotContain("first-secret-value", result.AllText());
    }

    [Fact]
    public void Copy_publishes_copies_so_writing_a_deployed_file_leaves_the_store_intact()
    {
        using var s = new ReleaseSession();
        var result = s.Run("New-TfRelease ./build | Publish-TfRelease -Destination ./deploy -Copy").AssertNoErrors();

        var publication = Assert.Single(result.Output);
        Assert.Equal(0, publication.Properties["FilesLinked"].Value);
        Assert.Equal(3, publication.Properties["FilesCopied"].Value);

        // What -Copy is for: a write into the deployed app (root ignores the read-only mode a link would share).
        string deployed = s.PathOf("deploy/current/app.dll");
        File.SetAttributes(deployed, FileAttributes.Normal);
        File.WriteAllText(deployed, "patched in place");
        var verification = Assert.Single(s.Run("Test-TfRelease").AssertNoErrors().Output);
        Assert.Equal(true, verification.Properties["IsValid"].Value);
    }

    [Fact]
    public void Without_Copy_a_write_through_a_linked_file_is_caught_by_Test_TfRelease()
    {
        using var s = new ReleaseSession();
        var published = Assert.Single(s.Run("New-TfRelease ./build | Publish-TfRelease -Destination ./deploy").AssertNoErrors().Output);
        if ((int)published.Properties["FilesLinked"].Value! == 0)
        {
            return; // a file system without hard links copies anyway
        }

        string deployed = s.PathOf("deploy/current/app.dll");
        File.SetAttributes(deployed, FileAttributes.Normal);
        File.WriteAllText(deployed, "patched in place");
        var result = s.Run("Test-TfRelease");

        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("StoreVerificationFailed", StringComparison.Ordinal));
        Assert.Equal(false, Assert.Single(result.Output).Properties["IsValid"].Value);
    }

    [Fact]
    public void Publishing_the_latest_switches_current_and_reports_the_previous_release()
    {
        using var s = new ReleaseSession();
        s.Run("New-TfRelease ./build | Publish-TfRelease -Destination ./deploy").AssertNoErrors();
        File.WriteAllText(s.PathOf("build/app.dll"), "binary v2");

        var result = s.Run("""
            $null = New-TfRelease ./build
            Get-TfRelease -Latest | Publish-TfRelease -Destination ./deploy
            Get-TfRelease -Current
            """).AssertNoErrors();

        Assert.Equal("v2", result.Output[0].Properties["Id"].Value);
        Assert.Equal("v1", result.Output[0].Properties["PreviousId"].Value);
        Assert.Equal("v2", result.Output[1].Properties["Id"].Value);
        Assert.Equal("binary v2", File.ReadAllText(s.PathOf("deploy/current/app.dll")));
        Assert.Equal("binary v1", File.ReadAllText(s.PathOf("deploy/releases/v1/app.dll")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal("releases/v2", new FileInfo(s.PathOf("deploy/current")).LinkTarget);
        }
    }

    [Fact]
    public void Current_lists_each_published_release_once_for_several_destinations()
    {
        using var s = new ReleaseSession();
        var result = s.Run("""
            $v1 = New-TfRelease ./build
            $v2 = New-TfRelease ./build
            $v1 | Publish-TfRelease -Destination ./a | Out-Null
            $v1 | Publish-TfRelease -Destination ./b | Out-Null
            $v2 | Publish-TfRelease -Destination ./c | Out-Null
            Get-TfRelease -Current
            """).AssertNoErrors();

        Assert.Equal(new[] { "v2", "v1" }, ReleaseCmdletTests.Ids(result));
    }

    [Fact]
    public void WhatIf_on_Publish_changes_nothing()
    {
        using var s = new ReleaseSession();
        var result = s.Run("New-TfRelease ./build | Publish-TfRelease -Destination ./deploy -WhatIf; Get-TfRelease -Current").AssertNoErrors();

        Assert.Empty(result.Output);
        Assert.Equal(new[] { "v1" }, ReleaseCmdletTests.Ids(s.Run("Get-TfRelease").AssertNoErrors()));
        Assert.False(Directory.Exists(s.PathOf("deploy")));
    }

    [Fact]
    public void Restore_creates_the_next_id_with_the_old_digests_and_publishes_it()
    {
        using var s = new ReleaseSession();
        s.Run("New-TfRelease ./build -Environment staging").AssertNoErrors();
        File.WriteAllText(s.PathOf("build/app.dll"), "binary v2");
        File.WriteAllText(s.PathOf(".env.staging"), "API_URL=https://changed.example\nDB_PASSWORD=second-secret-value\n");

        var result = s.Run("""
            New-TfRelease ./build -Environment staging | Publish-TfRelease -Destination ./deploy | Out-Null
            Restore-TfRelease -Id v1 -Destination ./deploy
            Get-TfRelease -Id v1
            """).AssertNoErrors();

        var restored = result.Output[0];
        var original = result.Output[1];
        Assert.Equal("v3", restored.Properties["Id"].Value);
        Assert.Equal("v1", restored.Properties["RestoredFrom"].Value);
        Assert.Equal(original.Properties["BuildDigest"].Value, restored.Properties["BuildDigest"].Value);
        Assert.Equal(original.Properties["ConfigDigest"].Value, restored.Properties["ConfigDigest"].Value);
        Assert.Equal("staging", restored.Properties["Environment"].Value);
        Assert.Equal("binary v1", File.ReadAllText(s.PathOf("deploy/current/app.dll")));
        Assert.Contains("DB_PASSWORD=first-secret-value", File.ReadAllText(s.PathOf("deploy/current/.env")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal("releases/v3", new FileInfo(s.PathOf("deploy/current")).LinkTarget);
        }
    }

    [Fact]
    public void Restore_WhatIf_creates_nothing()
    {
        using var s = new ReleaseSession();
        s.Run("New-TfRelease ./build").AssertNoErrors();
        s.Run("Restore-TfRelease -Id v1 -Destination ./deploy -WhatIf").AssertNoErrors();

        Assert.Equal(new[] { "v1" }, ReleaseCmdletTests.Ids(s.Run("Get-TfRelease").AssertNoErrors()));
        Assert.False(Directory.Exists(s.PathOf("deploy")));
    }

    [Fact]
    public void Remove_KeepLast_keeps_the_published_release_frees_storage_and_WhatIf_removes_nothing()
    {
        using var s = new ReleaseSession();
        for (int i = 1; i <= 4; i++)
        {
            File.WriteAllText(s.PathOf("build/app.dll"), $"binary {i}");
            s.Run(i == 2 ? "New-TfRelease ./build | Publish-TfRelease -Destination ./deploy" : "New-TfRelease ./build").AssertNoErrors();
        }

        var before = s.StoreSnapshot();
        var whatIf = s.Run("Remove-TfRelease -KeepLast 1 -WhatIf -PassThru").AssertNoErrors();
        Assert.Equal(before, s.StoreSnapshot());
        Assert.Equal(new[] { "v3", "v1" }, (System.Collections.Generic.IReadOnlyList<string>)Assert.Single(whatIf.Output).Properties["Skipped"].Value);

        var result = s.Run("Remove-TfRelease -KeepLast 1 -Confirm:$false -PassThru -Verbose; Get-TfRelease").AssertNoErrors();

        var removal = result.Output[0];
        Assert.Equal("TwelveFactor.ReleaseRemoval", removal.BaseObject.GetType().FullName);
        Assert.Equal(new[] { "v3", "v1" }, (System.Collections.Generic.IReadOnlyList<string>)removal.Properties["Removed"].Value);
        Assert.Equal(new[] { "v2" }, (System.Collections.Generic.IReadOnlyList<string>)removal.Properties["KeptPublished"].Value);
        Assert.Equal(2, removal.Properties["BlobsRemoved"].Value);
        Assert.Equal(new[] { "v4", "v2" }, result.Output.Skip(1).Select(o => (string)o.Properties["Id"].Value));
        Assert.Contains(result.Verbose, v => v.Message.Contains("v2") && v.Message.Contains("published"));
        Assert.True(s.Run("Test-TfRelease -Quiet").AssertNoErrors().Output.Single().BaseObject is true);
        Assert.Equal("binary 2", File.ReadAllText(s.PathOf("deploy/current/app.dll")));
    }

    [Fact]
    public void Remove_by_id_refuses_the_published_and_the_newest_release()
    {
        using var s = new ReleaseSession();
        s.Run("New-TfRelease ./build | Publish-TfRelease -Destination ./deploy; New-TfRelease ./build; New-TfRelease ./build").AssertNoErrors();

        var published = s.Run("Remove-TfRelease -Id v1 -Confirm:$false");
        var error = Assert.Single(published.Errors);
        Assert.Equal("ReleaseInUse,TwelveFactor.Commands.RemoveTfReleaseCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("published", error.Exception.Message);
        Assert.Equal(new[] { "ReleaseInUse,TwelveFactor.Commands.RemoveTfReleaseCommand" }, s.Run("Remove-TfRelease -Id v2, v3 -Confirm:$false").ErrorIds);
        Assert.Equal(new[] { "v3", "v2", "v1" }, ReleaseCmdletTests.Ids(s.Run("Get-TfRelease")));

        s.Run("Get-TfRelease -Id v2 | Remove-TfRelease -Confirm:$false").AssertNoErrors();
        Assert.Equal(new[] { "v3", "v1" }, ReleaseCmdletTests.Ids(s.Run("Get-TfRelease")));
    }

    [Fact]
    public void A_destination_that_cannot_be_written_is_ReleasePublishFailed()
    {
        using var s = new ReleaseSession();
        File.WriteAllText(s.PathOf("a-file"), "not a folder");
        var result = s.Run("New-TfRelease ./build | Publish-TfRelease -Destination ./a-file/deploy; Get-TfRelease -Current");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ReleasePublishFailed,TwelveFactor.Commands.PublishTfReleaseCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
        Assert.Equal(s.PathOf("a-file/deploy"), error.TargetObject);
        Assert.Empty(result.Output);
    }
}

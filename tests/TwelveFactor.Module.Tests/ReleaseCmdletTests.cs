using System;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation;

namespace TwelveFactor.Module.Tests;

/// <summary>New-, Get-, Compare- and Test-TfRelease through the real engine, each test with its own store.</summary>
public sealed class ReleaseCmdletTests
{
    [Fact]
    public void New_from_a_folder_then_a_tar_gz_gives_v1_and_v2_and_Get_lists_them_newest_first()
    {
        using var s = new ReleaseSession();
        WriteTarGz(s.PathOf("build.tar.gz"), ("app.dll", "binary v2"), ("wwwroot/index.html", "<h1>shop</h1>"));

        var result = s.Run("""
            New-TfRelease -Path ./build -Environment staging -Description 'first'
            New-TfRelease -Path ./build.tar.gz -Environment staging
            Get-TfRelease
            """).AssertNoErrors();

        var first = result.Output[0];
        Assert.Equal("TwelveFactor.Release", first.BaseObject.GetType().FullName);
        Assert.Equal("v1", first.Properties["Id"].Value);
        Assert.Equal("shop", first.Properties["App"].Value);
        Assert.Equal("staging", first.Properties["Environment"].Value);
        Assert.Equal(3, first.Properties["FileCount"].Value);
        Assert.Equal("first", first.Properties["Description"].Value);
        Assert.StartsWith("sha256:", (string)first.Properties["BuildDigest"].Value);
        Assert.Equal("v2", result.Output[1].Properties["Id"].Value);
        Assert.Equal(2, result.Output[1].Properties["FileCount"].Value);
        Assert.Equal(new[] { "v2", "v1" }, result.Output.Skip(2).Select(o => (string)o.Properties["Id"].Value));
        Assert.NotEmpty(result.Progress);
    }

    [Fact]
    public void Get_filters_by_id_wildcard_environment_and_latest()
    {
        using var s = new ReleaseSession();
        s.Run("New-TfRelease ./build -Environment staging; New-TfRelease ./build; New-TfRelease ./build -Environment staging").AssertNoErrors();

        Assert.Equal(new[] { "v3", "v1" }, Ids(s.Run("Get-TfRelease -Environment staging").AssertNoErrors()));
        Assert.Equal(new[] { "v2" }, Ids(s.Run("Get-TfRelease -Id v2").AssertNoErrors()));
        Assert.Equal(new[] { "v3", "v2", "v1" }, Ids(s.Run("Get-TfRelease -Id v*").AssertNoErrors()));
        Assert.Equal(new[] { "v3" }, Ids(s.Run("Get-TfRelease -Latest").AssertNoErrors()));
        Assert.Equal(new[] { "v2" }, Ids(s.Run("Get-TfRelease -Latest -Environment nothing-here; Get-TfRelease -Id v2 | Get-TfRelease").AssertNoErrors()));
    }

    [Fact]
    public void An_environment_without_files_of_its_own_is_an_error_naming_the_nearest_and_makes_no_release()
    {
        using var s = new ReleaseSession();
        File.WriteAllText(s.PathOf(".env.production"), string.Empty);

        var typo = s.Run("New-TfRelease ./build -Environment prodution");
        var known = s.Run("New-TfRelease ./build -Environment staging").AssertNoErrors();

        ErrorRecord error = Assert.Single(typo.Errors);
        Assert.Equal("EnvironmentNotFound,TwelveFactor.Commands.NewTfReleaseCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("'prodution' has no env file", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'production'?", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(typo.Output);
        Assert.Equal("v1", known.Output.Single().Properties["Id"].Value);
    }

    [Fact]
    public void The_config_snapshot_comes_from_the_environments_files_and_no_secret_reaches_any_stream()
    {
        using var s = new ReleaseSession();
        Environment.SetEnvironmentVariable("LOG_LEVEL", "from-the-shell");
        try
        {
            var first = s.Run("New-TfRelease ./build -Environment staging -Verbose").AssertNoErrors();
            File.WriteAllText(s.PathOf(".env.staging"), "API_URL=https://staging2.example\nDB_PASSWORD=second-secret-value\nNEW_KEY=1\n");
            var result = s.Run("""
                New-TfRelease ./build -Environment staging -Verbose | Out-Null
                Compare-TfRelease -ReferenceId v1 -DifferenceId v2 -Verbose
                """);
            result.AssertNoErrors();

            var config = result.Output.Where(o => (string)o.Properties["Category"].Value == "Config").ToDictionary(o => (string)o.Properties["Name"].Value);
            Assert.Equal(new[] { "API_URL", "DB_PASSWORD", "NEW_KEY" }, config.Keys.Order());
            Assert.Equal("Changed", config["API_URL"].Properties["Change"].Value);
            Assert.Equal("https://staging.example", config["API_URL"].Properties["Reference"].Value);
            Assert.Equal("https://staging2.example", config["API_URL"].Properties["Difference"].Value);
            Assert.Equal("Changed", config["DB_PASSWORD"].Properties["Change"].Value);
            Assert.True((bool)config["DB_PASSWORD"].Properties["IsSecret"].Value);
            Assert.Equal("********", config["DB_PASSWORD"].Properties["Reference"].Value);
            Assert.Equal("********", config["DB_PASSWORD"].Properties["Difference"].Value);
            Assert.Equal("Added", config["NEW_KEY"].Properties["Change"].Value);
            Assert.Null(config["NEW_KEY"].Properties["Reference"].Value);

            // LOG_LEVEL came from .env, not from the shell, in both: no difference.
            Assert.DoesNotContain("LOG_LEVEL", config.Keys);
            string all = first.AllText() + result.AllText();
            Assert.DoesNotContain("first-secret-value", all);
            Assert.DoesNotContain("second-secret-value", all);
            Assert.DoesNotContain("from-the-shell", all);
        }
        finally
        {
            Environment.SetEnvironmentVariable("LOG_LEVEL", null);
        }
    }

    [Fact]
    public void Compare_lists_added_removed_and_changed_files()
    {
        using var s = new ReleaseSession();
        s.Run("New-TfRelease ./build").AssertNoErrors();
        File.WriteAllText(s.PathOf("build/app.dll"), "binary v2, longer");
        File.Delete(s.PathOf("build/appsettings.json"));
        File.WriteAllText(s.PathOf("build/wwwroot/new.css"), "body{}");

        var result = s.Run("New-TfRelease ./build | Compare-TfRelease -ReferenceId v1").AssertNoErrors();

        var files = result.Output.Select(o => ((string)o.Properties["Category"].Value, (string)o.Properties["Name"].Value, (string)o.Properties["Change"].Value)).ToList();
        Assert.Equal(
            new[] { ("File", "app.dll", "Changed"), ("File", "appsettings.json", "Removed"), ("File", "wwwroot/new.css", "Added") },
            files);
        var changed = result.Output[0];
        Assert.Equal("v1", changed.Properties["ReferenceId"].Value);
        Assert.Equal("v2", changed.Properties["DifferenceId"].Value);
        Assert.Matches("^[0-9a-f]{7} 9 B 644$", (string)changed.Properties["Reference"].Value);
        Assert.Matches("^[0-9a-f]{7} 17 B 644$", (string)changed.Properties["Difference"].Value);
        Assert.Null(result.Output[1].Properties["Difference"].Value);
    }

    [Fact]
    public void Test_finds_a_tampered_blob_with_a_stable_id_and_fails_a_pipeline_under_ErrorAction_Stop()
    {
        using var s = new ReleaseSession();
        var created = s.Run("New-TfRelease ./build; New-TfRelease ./build; Get-TfRelease -Id v1 | Test-TfRelease").AssertNoErrors();
        var clean = created.Output[2];
        Assert.Equal("TwelveFactor.ReleaseVerification", clean.BaseObject.GetType().FullName);
        Assert.True((bool)clean.Properties["IsValid"].Value);
        Assert.Equal(3, clean.Properties["BlobsChecked"].Value);

        // The stored copy of app.dll: named by the SHA-256 of its content.
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("binary v1"u8));
        string blob = Directory.EnumerateFiles(s.StorePath, sha, SearchOption.AllDirectories).Single();
        File.SetAttributes(blob, FileAttributes.Normal);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(blob, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(blob, "binary v!");

        var result = s.Run("Test-TfRelease");
        var verification = Assert.Single(result.Output);
        Assert.False((bool)verification.Properties["IsValid"].Value);
        Assert.Equal(new[] { "v2", "v1" }, (System.Collections.Generic.IReadOnlyList<string>)verification.Properties["ReleaseIds"].Value);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            Assert.Equal("StoreVerificationFailed,TwelveFactor.Commands.TestTfReleaseCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
            Assert.Equal("app.dll", e.TargetObject);
        });
        Assert.Contains("BlobCorrupt", ((System.Collections.Generic.IReadOnlyList<string>)verification.Properties["Findings"].Value)[0]);

        Assert.Equal(false, Assert.Single(s.Run("Test-TfRelease -Id v2 -Quiet").AssertNoErrors().Output).BaseObject);
        var stopped = s.Run("Test-TfRelease -ErrorAction Stop; 'not reached'");
        Assert.NotNull(stopped.Terminating);
        Assert.Equal("StoreVerificationFailed,TwelveFactor.Commands.TestTfReleaseCommand", stopped.Terminating!.ErrorRecord.FullyQualifiedErrorId);
        Assert.DoesNotContain(stopped.Output, o => "not reached".Equals(o.BaseObject));
    }

    [Fact]
    public void An_archive_entry_that_escapes_is_refused_and_the_store_is_unchanged()
    {
        using var s = new ReleaseSession();
        // Listed once first, so the release index (a cache the listing below reads and leaves alone) is in the snapshot.
        s.Run("New-TfRelease ./build; $null = Get-TfRelease").AssertNoErrors();
        var before = s.StoreSnapshot();
        WriteTarGz(s.PathOf("evil.tar.gz"), ("ok.txt", "fine"), ("../x", "escaped"));

        var result = s.Run("New-TfRelease -Path ./evil.tar.gz; Get-TfRelease");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ArchiveEntryEscapes,TwelveFactor.Commands.NewTfReleaseCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Equal(new[] { "v1" }, Ids(result));
        Assert.Equal(before, s.StoreSnapshot());
        Assert.False(File.Exists(s.PathOf("x")));
    }

    [Fact]
    public void Bad_input_gets_stable_error_ids()
    {
        using var s = new ReleaseSession();
        s.Run("New-TfRelease ./build").AssertNoErrors();
        File.WriteAllText(s.PathOf("notes.txt"), "not an archive");
        File.WriteAllText(s.PathOf(".env.broken"), "GOOD=1\nBAD='unterminated\n");

        Assert.Equal(new[] { "ReleaseNotFound,TwelveFactor.Commands.GetTfReleaseCommand" }, s.Run("Get-TfRelease -Id v9").ErrorIds);
        Assert.Equal(ErrorCategory.ObjectNotFound, s.Run("Get-TfRelease -Id v9").Errors[0].CategoryInfo.Category);
        Assert.Equal("v9", s.Run("Get-TfRelease -Id v9").Errors[0].TargetObject);
        Assert.Equal(new[] { "ReleaseNotFound,TwelveFactor.Commands.CompareTfReleaseCommand" }, s.Run("Compare-TfRelease v1 v9").ErrorIds);
        Assert.Equal(new[] { "ReleaseNotFound,TwelveFactor.Commands.TestTfReleaseCommand" }, s.Run("Test-TfRelease -Id v9").ErrorIds);
        Assert.Equal(new[] { "ReleaseNotFound,TwelveFactor.Commands.PublishTfReleaseCommand" }, s.Run("Publish-TfRelease -Id v9 -Destination ./deploy").ErrorIds);
        Assert.Equal(new[] { "ReleaseNotFound,TwelveFactor.Commands.RestoreTfReleaseCommand" }, s.Run("Restore-TfRelease -Id v9").ErrorIds);
        Assert.Equal(new[] { "InvalidName,TwelveFactor.Commands.GetTfReleaseCommand" }, s.Run("Get-TfRelease -App '../etc'").ErrorIds);
        Assert.Equal(new[] { "BuildPathNotFound,TwelveFactor.Commands.NewTfReleaseCommand" }, s.Run("New-TfRelease ./missing").ErrorIds);
        Assert.Equal(new[] { "BuildPathUnsupported,TwelveFactor.Commands.NewTfReleaseCommand" }, s.Run("New-TfRelease ./notes.txt").ErrorIds);
        Assert.Equal(new[] { "BuildPathInsideStore,TwelveFactor.Commands.NewTfReleaseCommand" }, s.Run("New-TfRelease ./store").ErrorIds);
        Assert.Equal(new[] { "ConfigFileSyntax,TwelveFactor.Commands.NewTfReleaseCommand" }, s.Run("New-TfRelease ./build -Environment broken").ErrorIds);
        Assert.Equal(new[] { "SourcePathNotRepository,TwelveFactor.Commands.NewTfReleaseCommand" }, s.Run("New-TfRelease ./build -SourcePath ./build").ErrorIds);
        Assert.Equal(new[] { "v1" }, Ids(s.Run("Get-TfRelease")));
    }

    [Fact]
    public void WhatIf_on_New_creates_nothing()
    {
        using var s = new ReleaseSession();
        s.Run("New-TfRelease ./build -WhatIf").AssertNoErrors();

        // Not a release, and not even the store: a reading command then says there is none.
        var listing = s.Run("Get-TfRelease");
        Assert.Empty(listing.Output);
        Assert.Equal(new[] { "StoreNotFound,TwelveFactor.Commands.GetTfReleaseCommand" }, listing.ErrorIds);
    }

    [Fact]
    public void The_commit_of_a_git_work_tree_is_recorded_with_a_dirty_marker()
    {
        using var s = new ReleaseSession();
        Git(s.PathOf("."), "init", "-q");
        Git(s.PathOf("."), "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "first");
        string head = Git(s.PathOf("."), "rev-parse", "HEAD").Trim();

        var result = s.Run("New-TfRelease ./build").AssertNoErrors();

        Assert.Equal(head + "-dirty", Assert.Single(result.Output).Properties["Commit"].Value);
    }

    [Fact]
    public void Release_ids_complete_newest_first_for_the_app_on_the_command_line()
    {
        using var s = new ReleaseSession();
        s.Run("1..11 | ForEach-Object { $null = New-TfRelease ./build }; $null = New-TfRelease ./build -App other").AssertNoErrors();

        string[] Complete(string input) =>
            s.Run("(TabExpansion2 -inputScript $s -cursorColumn $s.Length).CompletionMatches | ForEach-Object CompletionText", new() { ["s"] = input })
                .AssertNoErrors().Output.Select(o => o.ToString()).ToArray();

        Assert.Equal(new[] { "v11", "v10", "v1" }, Complete("Publish-TfRelease -Destination x -Id v1"));
        Assert.Equal(new[] { "v1" }, Complete("Compare-TfRelease -App other -ReferenceId v"));
        Assert.Equal(new[] { "v9" }, Complete("Remove-TfRelease -Id v9"));
    }

    internal static string[] Ids(Infrastructure.ScriptResult result) =>
        result.Output.Select(o => (string)o.Properties["Id"].Value).ToArray();

    internal static void WriteTarGz(string path, params (string Name, string Content)[] entries)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, content) in entries)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            writer.WriteEntry(entry);
        }
    }

    private static string Git(string folder, params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo("git") { RedirectStandardOutput = true, WorkingDirectory = folder };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}

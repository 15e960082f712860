using System;
using System.Linq;
using System.Text.RegularExpressions;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

/// <summary>New-TfRelease -Image: digests need no engine, tags are resolved by a real one (TF_TEST_DOCKER_HOST).</summary>
public sealed class ReleaseImageTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void A_digest_reference_needs_no_engine()
    {
        using var s = new ReleaseSession();
        var result = s.Run($"$env:DOCKER_HOST = 'unix:///nonexistent/docker.sock'; try {{ New-TfRelease -Image 'registry.example:5000/shop@{Digest}' -Environment staging }} finally {{ $env:DOCKER_HOST = $null }}").AssertNoErrors();

        var release = Assert.Single(result.Output);
        Assert.Equal("v1", release.Properties["Id"].Value);
        Assert.Equal($"registry.example:5000/shop@{Digest}", release.Properties["Image"].Value);
        Assert.Equal(Digest, release.Properties["ImageDigest"].Value);
        Assert.Equal(0, release.Properties["FileCount"].Value);
    }

    [Fact]
    public void An_invalid_reference_and_an_unreachable_engine_get_stable_ids()
    {
        using var s = new ReleaseSession();
        Assert.Equal(new[] { "ImageReferenceInvalid,TwelveFactor.Commands.NewTfReleaseCommand" }, s.Run("New-TfRelease -Image 'Not A Reference'").ErrorIds);

        var unreachable = s.Run("$env:DOCKER_HOST = 'unix:///nonexistent/docker.sock'; try { New-TfRelease -Image 'shop:1.0' } finally { $env:DOCKER_HOST = $null }");
        var error = Assert.Single(unreachable.Errors);
        Assert.Equal("DockerEngineUnreachable,TwelveFactor.Commands.NewTfReleaseCommand", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("name@sha256", error.Exception.Message);
        // Nothing was stored: not even the store was created.
        Assert.Equal(new[] { "StoreNotFound,TwelveFactor.Commands.GetTfReleaseCommand" }, s.Run("Get-TfRelease").ErrorIds);
    }

    [DockerFact]
    public void A_tag_is_resolved_to_a_digest_by_the_engine()
    {
        using var s = new ReleaseSession();
        var variables = new System.Collections.Generic.Dictionary<string, object?> { ["engine"] = DockerFactAttribute.RequiredHost, ["image"] = DockerFactAttribute.Image };
        var result = s.Run("$env:DOCKER_HOST = $engine; try { New-TfRelease -Image $image -Verbose; New-TfRelease -Image 'tf-no-such-image:never' } finally { $env:DOCKER_HOST = $null }", variables);

        var release = Assert.Single(result.Output);
        Assert.Equal(DockerFactAttribute.Image, release.Properties["Image"].Value);
        Assert.Matches(new Regex("^sha256:[0-9a-f]{64}$"), (string)release.Properties["ImageDigest"].Value);
        Assert.Equal(new[] { "DockerImageNotFound,TwelveFactor.Commands.NewTfReleaseCommand" }, result.ErrorIds);
    }

    [DockerFact]
    public void An_admin_task_runs_the_exact_image_a_tag_release_recorded()
    {
        using var s = new ReleaseSession();
        var variables = new System.Collections.Generic.Dictionary<string, object?> { ["engine"] = DockerFactAttribute.RequiredHost, ["image"] = DockerFactAttribute.Image };
        var result = s.Run("""
            $env:DOCKER_HOST = $engine
            try {
                $release = New-TfRelease -Image $image -Environment staging
                Invoke-TfAdminTask sh -ArgumentList '-c', 'echo "$API_URL"' -Release $release.Id -Container -Force
            } finally { $env:DOCKER_HOST = $null }
            """, variables).AssertNoErrors();

        Assert.Equal("https://staging.example", result.Output.Last().BaseObject);
    }
}

using System;
using System.IO;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Releases.Stores;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Releases;

public sealed class ReleaseStoreLocatorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tf-locator-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void APathOrFileUrlIsALocalStore()
    {
        using IReleaseStore byPath = ReleaseStoreLocator.FromSetting(Path.Combine(_root, "a"));
        Assert.Equal(Path.Combine(_root, "a"), byPath.LocalRoot);
        Assert.True(File.Exists(Path.Combine(_root, "a", "format")));

        using IReleaseStore byUrl = ReleaseStoreLocator.FromSetting(new Uri(Path.Combine(_root, "b")).AbsoluteUri);
        Assert.Equal(Path.Combine(_root, "b"), byUrl.LocalRoot);
    }

    [Fact]
    public void TheDefaultFollowsXdgDataHome()
    {
        string? saved = ModuleSettings.Read(ModuleSettings.XdgDataHomeVariable);
        try
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", _root);
            Assert.Equal(Path.Combine(_root, "twelvefactor", "releases"), LocalReleaseStore.DefaultRoot);
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", "relative/ignored");
            Assert.EndsWith(Path.Combine("twelvefactor", "releases"), LocalReleaseStore.DefaultRoot, StringComparison.Ordinal);
            Assert.True(Path.IsPathRooted(LocalReleaseStore.DefaultRoot));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", saved);
        }
    }

    [Fact]
    public void AnUnknownSchemeIsRejectedWithoutEchoingTheUrl()
    {
        var error = Assert.Throws<ReleaseException>(() => ReleaseStoreLocator.FromSetting("ftp://user:topsecret@example.com/releases"));
        Assert.Equal(ProblemId.StoreLocationInvalid, error.Problem);
        Assert.DoesNotContain("topsecret", error.Message, StringComparison.Ordinal);
        Assert.Equal("ftp", error.Target);
    }

    [Fact]
    public void AFolderWithOtherContentIsNotTakenOver()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "notes.txt"), "mine");
        var error = Assert.Throws<ReleaseException>(() => new LocalReleaseStore(_root));
        Assert.Equal(ProblemId.StoreLocationInvalid, error.Problem);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

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

    // The scheme is read as the pattern ^([A-Za-z][A-Za-z0-9+.-]+):// reads it (it was that regex): checked against
    // the pattern itself on settings that are, are almost and are not URLs.
    [Theory]
    [InlineData("azureblob://account/container", "azureblob")]
    [InlineData("https://acct.blob.core.windows.net/releases?sv=x", "https")]
    [InlineData("HTTP://acct.blob.core.windows.net/r", "HTTP")]
    [InlineData("file:///var/lib/tf", "file")]
    [InlineData("a+b.c-d9://x", "a+b.c-d9")]
    [InlineData("C:\\store", null)]
    [InlineData("c://x", null)]
    [InlineData("1ab://x", null)]
    [InlineData("ab_c://x", null)]
    [InlineData("relative/path://x", null)]
    [InlineData("/var/lib/tf", null)]
    [InlineData("ab:/x", null)]
    [InlineData("://x", null)]
    [InlineData("ab://", "ab")]
    [InlineData("ab://x://y", "ab")]
    [InlineData("é9://x", null)]
    public void TheSchemeIsWhatTheUrlPatternReads(string setting, string? scheme)
    {
        var pattern = System.Text.RegularExpressions.Regex.Match(setting, "^([A-Za-z][A-Za-z0-9+.-]+)://", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        Assert.Equal(pattern.Success ? pattern.Groups[1].Value : null, scheme);
        Assert.Equal(scheme, ReleaseStoreLocator.SchemeOf(setting));
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

using TwelveFactor.Core.Releases;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Releases;

public sealed class BuildPathRulesTests
{
    [Theory]
    [InlineData("a/b.txt", "a/b.txt")]
    [InlineData("./a//b.txt", "a/b.txt")]
    [InlineData("a\\b.txt", "a/b.txt")]
    [InlineData("a/../b.txt", "b.txt")]
    [InlineData("./", null)]
    public void NormalizesEntriesInside(string raw, string? expected) =>
        Assert.Equal(expected, BuildPathRules.NormalizeEntry(raw));

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("/etc/passwd")]
    [InlineData("\\\\server\\share\\x")]
    [InlineData("C:/Windows/x")]
    [InlineData("a\0b")]
    public void RejectsEntriesOutside(string raw) =>
        Assert.Equal(ProblemId.ArchiveEntryEscapes, Assert.Throws<ReleaseException>(() => BuildPathRules.NormalizeEntry(raw)).Problem);

    [Theory]
    [InlineData("a/link", "../b", true)]
    [InlineData("a/link", "../../b", false)]
    [InlineData("link", "a/b/../../c", true)]
    [InlineData("link", "/etc", false)]
    [InlineData("link", "..", false)]
    public void ChecksLinkTargets(string entry, string target, bool inside)
    {
        if (inside)
        {
            Assert.Equal(target, BuildPathRules.ValidateLinkTarget(entry, target));
        }
        else
        {
            Assert.Throws<ReleaseException>(() => BuildPathRules.ValidateLinkTarget(entry, target));
        }
    }
}

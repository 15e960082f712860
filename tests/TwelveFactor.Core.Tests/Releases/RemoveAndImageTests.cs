using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Releases;

/// <summary>Removing named releases, and image references that need no engine.</summary>
public sealed class RemoveAndImageTests : IDisposable
{
    private readonly ReleaseTestContext _context = new();

    [Fact]
    public async Task RemoveByIdRemovesAndCollectsButRefusesThePublishedTheNewestAndUnknownIds()
    {
        for (int n = 1; n <= 4; n++)
        {
            _context.WriteFile("version.txt", "release " + n);
            await _context.CreateAsync();
        }

        await _context.Service.PublishAsync(ReleaseTestContext.App, "v2", Path.Combine(_context.Root, "deploy"));

        var published = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.RemoveAsync(ReleaseTestContext.App, new[] { "v1", "v2" }));
        Assert.Equal(ProblemId.ReleaseInUse, published.Problem);
        Assert.Equal("v2", published.Target);
        var newest = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.RemoveAsync(ReleaseTestContext.App, new[] { "v4" }));
        Assert.Equal(ProblemId.ReleaseInUse, newest.Problem);
        var unknown = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.RemoveAsync(ReleaseTestContext.App, new[] { "v9" }));
        Assert.Equal(ProblemId.ReleaseNotFound, unknown.Problem);
        Assert.Equal(4, (await _context.Service.ListAsync(ReleaseTestContext.App)).Count);

        PruneResult declined = await _context.Service.RemoveAsync(ReleaseTestContext.App, new[] { "v1", "v3" }, (_, _) => false);
        Assert.Equal(new[] { "v3", "v1" }, declined.Skipped);
        Assert.Equal(4, (await _context.Service.ListAsync(ReleaseTestContext.App)).Count);

        PruneResult result = await _context.Service.RemoveAsync(ReleaseTestContext.App, new[] { "v1", "v3" });
        Assert.Equal(new[] { "v3", "v1" }, result.Removed);
        Assert.Equal(2, result.GarbageCollection!.BlobsRemoved);
        Assert.Equal(new[] { "v4", "v2" }, (await _context.Service.ListAsync(ReleaseTestContext.App)).Select(r => r.Id));
        Assert.True((await _context.Service.VerifyAsync(ReleaseTestContext.App)).IsValid);
    }

    [Theory]
    [InlineData("shop@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("registry.example:5000/team/shop:1.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("shop:1.2", null)]
    [InlineData("registry.example:5000/shop", null)]
    public void DigestOfTakesTheDigestFromTheReference(string reference, string? digest) =>
        Assert.Equal(digest, ImageDigestResolver.DigestOf(reference));

    [Theory]
    [InlineData("Not A Reference")]
    [InlineData("shop@sha256:short")]
    [InlineData("")]
    [InlineData("UPPER/case:1")]
    public void InvalidReferencesAreRefused(string reference) =>
        Assert.Equal(ProblemId.ImageReferenceInvalid, Assert.Throws<ReleaseException>(() => ImageDigestResolver.DigestOf(reference)).Problem);

    [Fact]
    public async Task ATagWithNoEngineIsDockerEngineUnreachableAndADigestNeedsNone()
    {
        string missing = "unix://" + Path.Combine(_context.Root, "no-docker.sock");
        var ex = await Assert.ThrowsAsync<ReleaseException>(() => ImageDigestResolver.ResolveAsync("shop:1.2", missing));
        Assert.Equal(ProblemId.DockerEngineUnreachable, ex.Problem);
        Assert.Equal(
            "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            await ImageDigestResolver.ResolveAsync("shop@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", missing));
        Assert.Equal("shop@sha256:ab", await ImageDigestResolver.RunnableReferenceAsync("shop:1.2", "sha256:ab", missing));
        Assert.Equal("registry.example:5000/shop@sha256:ab", await ImageDigestResolver.RunnableReferenceAsync("registry.example:5000/shop:1.2", "sha256:ab", missing));
    }

    public void Dispose() => _context.Dispose();
}

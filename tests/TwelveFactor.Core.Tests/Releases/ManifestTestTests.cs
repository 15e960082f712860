using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Releases.Stores;

namespace TwelveFactor.Core.Tests.Releases;

/// <summary>
/// A question about a manifest (a release's check for encrypted secrets) is answered from its bytes as the store
/// lends them: the local store's pooled read and the interface's own read-then-answer give what the bytes give.
/// </summary>
public sealed class ManifestTestTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_manifest_lent_for_a_question_gives_the_answer_its_bytes_give(bool encrypted)
    {
        byte[]? key = encrypted ? Enumerable.Range(1, 32).Select(i => (byte)i).ToArray() : null;
        using var context = new ReleaseTestContext(key);
        context.WriteSampleBuild();
        ReleaseRecord release = await context.CreateAsync();

        byte[] bytes = (await context.Store.ReadManifestAsync(ReleaseTestContext.App, release.Id, CancellationToken.None))!;
        int lentLength = -1;
        bool? local = await context.Store.TestManifestAsync(ReleaseTestContext.App, release.Id, manifest =>
        {
            lentLength = manifest.Length;
            return ManifestCodec.HasEncryptedConfig(manifest);
        }, CancellationToken.None);
        Assert.Equal(encrypted, local);
        Assert.Equal(bytes.Length, lentLength);

        // Through a store that does not read into a pooled buffer (the interface's default), the same answer.
        using var cancel = new CancellationTokenSource();
        IReleaseStore wrapped = new InterruptingStore(context.Store, cancel, int.MaxValue);
        Assert.Equal(encrypted, await wrapped.TestManifestAsync(ReleaseTestContext.App, release.Id, static m => ManifestCodec.HasEncryptedConfig(m), CancellationToken.None));

        // No such release: no answer, and the question is not asked.
        Assert.Null(await context.Store.TestManifestAsync(ReleaseTestContext.App, "v99", _ => throw new InvalidOperationException("asked"), CancellationToken.None));
        Assert.Null(await wrapped.TestManifestAsync(ReleaseTestContext.App, "v99", _ => throw new InvalidOperationException("asked"), CancellationToken.None));
    }

    [Fact]
    public async Task A_release_without_the_key_is_refused_by_a_store_whose_latest_release_is_encrypted()
    {
        using var context = new ReleaseTestContext();
        context.WriteSampleBuild();
        ReleaseService withKey = context.NewService(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        await withKey.CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = context.Build, Config = ReleaseTestContext.SampleConfig });

        var error = await Assert.ThrowsAsync<ReleaseException>(() => context.CreateAsync());
        Assert.Equal(ProblemId.EncryptionKeyRequired, error.Problem);
        Assert.Single(await context.Store.ListReleaseIdsAsync(ReleaseTestContext.App, CancellationToken.None));
    }
}

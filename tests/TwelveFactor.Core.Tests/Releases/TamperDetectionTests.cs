using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Releases;

/// <summary>Any changed byte in a blob, a manifest or a config snapshot is reported by verification.</summary>
public sealed class TamperDetectionTests : IDisposable
{
    private readonly ReleaseTestContext _context = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task AnUntouchedStoreVerifies()
    {
        _context.WriteSampleBuild();
        await _context.CreateAsync();
        ReleaseVerification result = await _context.Service.VerifyAsync(ReleaseTestContext.App, "v1");
        Assert.True(result.IsValid, string.Join("; ", result.Findings.Select(f => f.Message)));
        Assert.Equal(5, result.BlobsChecked);
        Assert.Equal((await _context.Service.GetAsync(ReleaseTestContext.App, "v1")).Release.Size, result.BytesChecked);
    }

    [Fact]
    public async Task AFlippedByteInABlobIsReportedWithItsFile()
    {
        _context.WriteSampleBuild();
        await _context.CreateAsync();
        ReleaseManifest manifest = await _context.Service.GetAsync(ReleaseTestContext.App, "v1");
        ReleaseFileEntry big = manifest.Files.Single(f => f.Path == "data/big.bin");
        FlipByte(_context.BlobPath(big.Sha256!), 1_000_000);

        ReleaseVerification result = await _context.Service.VerifyAsync(ReleaseTestContext.App);
        VerificationFinding finding = Assert.Single(result.Findings);
        Assert.False(result.IsValid);
        Assert.Equal(VerificationFindingKind.BlobCorrupt, finding.Kind);
        Assert.Equal("v1", finding.ReleaseId);
        Assert.Equal("data/big.bin", finding.Target);
    }

    [Fact]
    public async Task AMissingBlobIsReported()
    {
        _context.WriteSampleBuild();
        await _context.CreateAsync();
        ReleaseManifest manifest = await _context.Service.GetAsync(ReleaseTestContext.App, "v1");
        File.Delete(_context.BlobPath(manifest.Files.Single(f => f.Path == "app.dll").Sha256!));

        VerificationFinding finding = Assert.Single((await _context.Service.VerifyAsync(ReleaseTestContext.App)).Findings);
        Assert.Equal(VerificationFindingKind.BlobMissing, finding.Kind);
        Assert.Equal("app.dll", finding.Target);
    }

    [Fact]
    public async Task EveryFlippedByteOfAManifestIsReported()
    {
        _context.WriteSampleBuild();
        await _context.CreateAsync();
        string path = _context.ManifestPath("v1");
        byte[] original = File.ReadAllBytes(path);

        // Every position, one at a time: no byte of the manifest can change unnoticed.
        for (int i = 0; i < original.Length; i += 7)
        {
            byte[] changed = (byte[])original.Clone();
            changed[i] ^= 0x01;
            File.WriteAllBytes(path, changed);
            ReleaseVerification result = await _context.Service.VerifyAsync(ReleaseTestContext.App, "v1");
            Assert.False(result.IsValid, $"flipping byte {i} ('{(char)original[i]}') went unnoticed");
        }

        File.WriteAllBytes(path, original);
        Assert.True((await _context.Service.VerifyAsync(ReleaseTestContext.App, "v1")).IsValid);
    }

    [Fact]
    public async Task AChangedManifestIsRefusedForPublishAndListing()
    {
        _context.WriteSampleBuild();
        await _context.CreateAsync();
        string path = _context.ManifestPath("v1");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"production\"", "\"productioM\"", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Path.Combine(_context.Root, "deploy")));
        Assert.Equal(ProblemId.StoreVerificationFailed, error.Problem);
        Assert.Equal(VerificationFindingKind.ManifestDigestMismatch, Assert.Single((await _context.Service.VerifyAsync(ReleaseTestContext.App)).Findings).Kind);
    }

    [Fact]
    public async Task AChangedConfigSnapshotIsReportedEvenWhenTheManifestDigestIsRecomputed()
    {
        _context.WriteSampleBuild();
        await _context.CreateAsync();

        // Someone who knows the format changes a value and re-seals the body digest.
        Reseal(_context.ManifestPath("v1"), body => body["config"]![1]!["value"] = "8081");
        ReleaseVerification result = await _context.Service.VerifyAsync(ReleaseTestContext.App);
        Assert.Contains(result.Findings, f => f.Kind == VerificationFindingKind.ConfigDigestMismatch);
    }

    [Fact]
    public async Task AFlippedByteInAnEncryptedSecretIsReported()
    {
        _context.WriteSampleBuild();
        await _context.CreateAsync();
        Reseal(_context.ManifestPath("v1"), body =>
        {
            JsonNode secret = body["config"]!.AsArray().Single(c => (bool)c!["secret"]!)!;
            byte[] sealedValue = Convert.FromBase64String((string)secret["encrypted"]!);
            sealedValue[14] ^= 0x01;
            secret["encrypted"] = Convert.ToBase64String(sealedValue);
        });

        VerificationFinding finding = Assert.Single((await _context.Service.VerifyAsync(ReleaseTestContext.App)).Findings);
        Assert.Equal(VerificationFindingKind.ConfigDigestMismatch, finding.Kind);
        Assert.Equal("DATABASE_PASSWORD", finding.Target);
        Assert.DoesNotContain("hunter2", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangedFileListIsReportedEvenWhenTheManifestDigestIsRecomputed()
    {
        _context.WriteSampleBuild();
        await _context.CreateAsync();
        Reseal(_context.ManifestPath("v1"), body => body["files"]![0]!["mode"] = 511);
        Assert.Contains((await _context.Service.VerifyAsync(ReleaseTestContext.App)).Findings, f => f.Kind == VerificationFindingKind.BuildDigestMismatch);

        // Nothing is published or restored from it either.
        var publish = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.PublishAsync(ReleaseTestContext.App, "v1", Path.Combine(_context.Root, "deploy")));
        Assert.Equal(ProblemId.StoreVerificationFailed, publish.Problem);
        var restore = await Assert.ThrowsAsync<ReleaseException>(() => _context.Service.RestoreAsync(ReleaseTestContext.App, "v1"));
        Assert.Equal(ProblemId.StoreVerificationFailed, restore.Problem);
    }

    public void Dispose() => _context.Dispose();

    private static void FlipByte(string path, long offset)
    {
        File.SetAttributes(path, FileAttributes.Normal);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        int value = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(value ^ 0x01));
    }

    private static void Reseal(string manifestPath, Action<JsonNode> change)
    {
        JsonNode document = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        JsonNode body = document["body"]!;
        change(body);
        string bodyText = body.ToJsonString();
        string digest = "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(bodyText))).ToLowerInvariant();
        File.WriteAllText(manifestPath, "{\"format\":\"twelvefactor.release/v1\",\"digest\":\"" + digest + "\",\"body\":" + bodyText + "}");
    }
}

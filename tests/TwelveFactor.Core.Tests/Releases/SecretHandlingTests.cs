using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Releases;

/// <summary>Secret values are owner-only, optionally encrypted, compared by hash and never shown.</summary>
public sealed class SecretHandlingTests : IDisposable
{
    private const string Secret = "hunter2-very-secret";
    private readonly ReleaseTestContext _context = new();

    [Fact]
    public async Task TheStoreAndManifestsAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _context.WriteFile("a.txt", "a");
        await _context.CreateAsync();
        const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Equal(OwnerAll, File.GetUnixFileMode(_context.StoreRoot));
        Assert.Equal(OwnerAll, File.GetUnixFileMode(Path.GetDirectoryName(_context.ManifestPath("v1"))!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_context.ManifestPath("v1")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_context.StoreRoot, "salt")));
    }

    [Fact]
    public void AnExistingStoreWithLooseModesIsTightened()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(_context.StoreRoot, (UnixFileMode)Convert.ToInt32("755", 8));
        _ = new TwelveFactor.Core.Releases.Stores.LocalReleaseStore(_context.StoreRoot);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_context.StoreRoot));
    }

    [Fact]
    public async Task WithAKeySecretsAreEncryptedAtRest()
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        _context.WriteFile("a.txt", "a");
        await _context.NewService(key).CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = _context.Build, Config = ReleaseTestContext.SampleConfig });

        string manifest = File.ReadAllText(_context.ManifestPath("v1"));
        Assert.DoesNotContain(Secret, manifest, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret)), manifest, StringComparison.Ordinal);
        Assert.Contains("8080", manifest, StringComparison.Ordinal);

        ReleaseConfigEntry entry = (await _context.Service.GetAsync(ReleaseTestContext.App, "v1")).Config.Single(c => c.Name == "DATABASE_PASSWORD");
        Assert.True(entry.IsEncrypted);
        Assert.Null(entry.Value);
        Assert.Equal("********", entry.DisplayValue);
        Assert.StartsWith("hmac-sha256-k:", entry.ValueHash, StringComparison.Ordinal);

        // The store's salt sits beside the fingerprint; with a key, salt alone must not let a guess be checked.
        byte[] salt = await _context.Store.GetSaltAsync(default);
        string saltedGuess = "hmac-sha256:" + Convert.ToHexString(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(Secret))).ToLowerInvariant();
        Assert.NotEqual(saltedGuess, entry.ValueHash);
        Assert.DoesNotContain(saltedGuess[12..], manifest, StringComparison.Ordinal);
        Assert.True((await _context.NewService(key).VerifyAsync(ReleaseTestContext.App)).IsValid);

        // Without the key the secret cannot be checked, which verification says without failing.
        ReleaseVerification withoutKey = await _context.Service.VerifyAsync(ReleaseTestContext.App);
        Assert.True(withoutKey.IsValid);
        Assert.Contains(withoutKey.Findings, f => f.Kind == VerificationFindingKind.SecretsNotChecked);

        // The wrong key is not a way in.
        var wrong = await Assert.ThrowsAsync<ReleaseException>(() => _context.NewService(RandomNumberGenerator.GetBytes(32)).PublishAsync(ReleaseTestContext.App, "v1", Path.Combine(_context.Root, "deploy")));
        Assert.Equal(ProblemId.EncryptionKeyRequired, wrong.Problem);
        Assert.DoesNotContain(Secret, wrong.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComparisonUsesHashesAndShowsOnlyTheMask()
    {
        _context.WriteFile("a.txt", "a");
        await _context.CreateAsync();
        _context.WriteFile("b.txt", "b");
        await _context.CreateAsync(config: new[]
        {
            new ConfigSnapshotEntry("PORT", "9090", false),
            new ConfigSnapshotEntry("DATABASE_PASSWORD", Secret + "-rotated", true),
            new ConfigSnapshotEntry("NEW_KEY", "x", false),
        });
        await _context.CreateAsync(config: new[]
        {
            new ConfigSnapshotEntry("PORT", "9090", false),
            new ConfigSnapshotEntry("DATABASE_PASSWORD", Secret + "-rotated", true),
            new ConfigSnapshotEntry("NEW_KEY", "x", false),
        });

        ReleaseComparison comparison = await _context.Service.CompareAsync(ReleaseTestContext.App, "v1", "v2");
        Assert.Equal(new[] { ("b.txt", ReleaseChangeKind.Added) }, comparison.Files.Select(f => (f.Path, f.Kind)));
        Assert.Equal(
            new[] { ("DATABASE_PASSWORD", ReleaseChangeKind.Changed), ("GREETING", ReleaseChangeKind.Removed), ("NEW_KEY", ReleaseChangeKind.Added), ("PORT", ReleaseChangeKind.Changed) },
            comparison.Config.Select(c => (c.Name, c.Kind)));
        ReleaseConfigChange secret = comparison.Config.Single(c => c.Name == "DATABASE_PASSWORD");
        Assert.True(secret.IsSecret);
        Assert.Equal(("********", "********"), (secret.ReferenceValue, secret.DifferenceValue));
        Assert.Equal(("8080", "9090"), (comparison.Config.Single(c => c.Name == "PORT").ReferenceValue, comparison.Config.Single(c => c.Name == "PORT").DifferenceValue));
        Assert.DoesNotContain(Secret, comparison.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, string.Join("\n", comparison.Config.Select(c => c.ToString())), StringComparison.Ordinal);

        // The same secret in two releases compares equal although it is stored salted.
        Assert.True((await _context.Service.CompareAsync(ReleaseTestContext.App, "v2", "v3")).IsIdentical);
    }

    [Fact]
    public void SnapshotEntriesAndStoredEntriesNeverPrintASecret()
    {
        Assert.Equal("DATABASE_PASSWORD=********", new ConfigSnapshotEntry("DATABASE_PASSWORD", Secret, true).ToString());
        Assert.Equal("PORT=8080", new ConfigSnapshotEntry("PORT", "8080", false).ToString());
    }

    [Fact]
    public void AMalformedKeyIsRejectedWithoutEchoingIt()
    {
        var error = Assert.Throws<ReleaseException>(() => ReleaseServiceOptions.ParseKey("c2VjcmV0LWtleS10b28tc2hvcnQ="));
        Assert.Equal(ProblemId.InvalidEncryptionKey, error.Problem);
        Assert.DoesNotContain("c2VjcmV0", error.Message, StringComparison.Ordinal);
        Assert.Equal(32, ReleaseServiceOptions.ParseKey(Convert.ToBase64String(new byte[32]))!.Length);
        Assert.Null(ReleaseServiceOptions.ParseKey(" "));
    }

    public void Dispose() => _context.Dispose();
}

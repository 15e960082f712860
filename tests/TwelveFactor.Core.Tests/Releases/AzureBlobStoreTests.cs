using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Azure.Storage.Blobs;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Releases.Stores;

using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.Tests.AdminProcesses;
using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Releases;

/// <summary>The same behaviours as the local store, against Azurite: immutability, concurrent creates, verify, prune.</summary>
public sealed class AzureBlobStoreTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly ReleaseTestContext _local = new();
    private readonly string _container = "releases" + Guid.NewGuid().ToString("N")[..12];
    private readonly IReleaseStore _store;
    private readonly ReleaseService _service;

    public AzureBlobStoreTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _store = ReleaseStoreLocator.ForAzureConnectionString(azurite.ConnectionString, _container, "team/shop");
        _service = new ReleaseService(_store, new ReleaseServiceOptions { MaxDegreeOfParallelism = 2, EncryptionKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32) });
    }

    [AzuriteFact]
    public async Task CreatesListsComparesAndVerifies()
    {
        _local.WriteSampleBuild();
        ReleaseRecord first = await CreateAsync();
        _local.WriteFile("wwwroot/index.html", "<h1>changed</h1>");
        ReleaseRecord second = await CreateAsync();

        Assert.Equal(("v1", "v2"), (first.Id, second.Id));
        Assert.Null(_store.LocalRoot);
        Assert.Equal("azureblob://" + _container + "/team/shop", _store.DisplayLocation);
        Assert.Equal(new[] { "v2", "v1" }, (await _service.ListAsync(ReleaseTestContext.App)).Select(r => r.Id));
        Assert.Equal(new[] { ReleaseTestContext.App }, await _service.ListAppsAsync());
        ReleaseFileChange change = Assert.Single((await _service.CompareAsync(ReleaseTestContext.App, "v1", "v2")).Files);
        Assert.Equal("wwwroot/index.html", change.Path);
        Assert.True((await _service.VerifyAsync(ReleaseTestContext.App)).IsValid);

        // One blob more for one changed file.
        Assert.Equal(6, await CountAsync("team/shop/objects/"));
    }

    [AzuriteFact]
    public async Task ManifestsAreImmutableAndParallelCreatesGetDistinctIds()
    {
        _local.WriteSampleBuild();
        ReleaseRecord[] releases = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(CreateAsync)));
        Assert.Equal(new[] { "v1", "v2", "v3", "v4" }, releases.Select(r => r.Id).OrderBy(ReleaseNames.Number));

        byte[] original = (await _store.ReadManifestAsync(ReleaseTestContext.App, "v1", default))!;
        Assert.False(await _store.TryCommitManifestAsync(ReleaseTestContext.App, "v1", new byte[] { 1, 2, 3 }, flushBlobs: false, default));
        Assert.Equal(original, await _store.ReadManifestAsync(ReleaseTestContext.App, "v1", default));
    }

    [AzuriteFact]
    public async Task SecretsAreKeptThereOnlyEncrypted()
    {
        _local.WriteFile("a.txt", "a");
        var withoutKey = new ReleaseService(_store, new ReleaseServiceOptions());
        var error = await Assert.ThrowsAsync<ReleaseException>(() =>
            withoutKey.CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = _local.Build, Config = ReleaseTestContext.SampleConfig }));
        Assert.Equal(ProblemId.EncryptionKeyRequired, error.Problem);
        Assert.Empty(await _service.ListAsync(ReleaseTestContext.App));

        await CreateAsync();
        byte[] manifest = (await _store.ReadManifestAsync(ReleaseTestContext.App, "v1", default))!;
        Assert.DoesNotContain("hunter2", System.Text.Encoding.UTF8.GetString(manifest), StringComparison.Ordinal);
        Assert.True((await _service.GetAsync(ReleaseTestContext.App, "v1")).Config.Single(c => c.IsSecret).IsEncrypted);
    }

    [AzuriteFact]
    public async Task ATamperedBlobIsReported()
    {
        _local.WriteSampleBuild();
        await CreateAsync();
        ReleaseFileEntry entry = (await _service.GetAsync(ReleaseTestContext.App, "v1")).Files.Single(f => f.Path == "app.dll");
        BlobClient blob = new BlobContainerClient(_azurite.ConnectionString, _container).GetBlobClient("team/shop/objects/" + entry.Sha256);
        await blob.UploadAsync(BinaryData.FromString("binary-ish content of the apP"), overwrite: true);

        VerificationFinding finding = Assert.Single((await _service.VerifyAsync(ReleaseTestContext.App)).Findings);
        Assert.Equal((VerificationFindingKind.BlobCorrupt, "app.dll"), (finding.Kind, finding.Target));
    }

    [AzuriteFact]
    public async Task ABlobLargerThanAnyOfItsKindIsRefusedUnread()
    {
        _local.WriteSampleBuild();
        await CreateAsync();
        var container = new BlobContainerClient(_azurite.ConnectionString, _container);

        // A publish record of a megabyte and a byte, where a real one is a few hundred bytes.
        await container.GetBlobClient("team/shop/apps/" + ReleaseTestContext.App + "/published/" + new string('a', 64) + ".json")
            .UploadAsync(BinaryData.FromBytes(new byte[(1 << 20) + 1]));
        var record = await Assert.ThrowsAsync<ReleaseException>(() => _store.ReadPublishRecordsAsync(ReleaseTestContext.App, default));
        Assert.Equal(ProblemId.StoreVerificationFailed, record.Problem);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.CurrentCulture, "is {0:N0} bytes, more than the {1:N0}", (1 << 20) + 1, 1 << 20), record.Message, StringComparison.Ordinal);

        // A salt of 100 bytes: refused as too large before it is read, not read and found the wrong length.
        await container.GetBlobClient("team/shop/salt").UploadAsync(BinaryData.FromBytes(new byte[100]), overwrite: true);
        var salt = await Assert.ThrowsAsync<ReleaseException>(() => _store.GetSaltAsync(default));
        Assert.Contains("is 100 bytes, more than the 64", salt.Message, StringComparison.Ordinal);
    }

    [AzuriteFact]
    public async Task PublishesByCopyingAndPrunesAndCollects()
    {
        for (int n = 1; n <= 4; n++)
        {
            _local.WriteFile("version.txt", "release " + n);
            await CreateAsync();
        }

        string deploy = Path.Combine(_local.Root, "deploy");
        PublishResult published = await _service.PublishAsync(ReleaseTestContext.App, "v1", deploy);
        Assert.Equal((0, 1), (published.FilesLinked, published.FilesCopied));
        Assert.Equal("release 1", File.ReadAllText(Path.Combine(deploy, "current", "version.txt")));
        Assert.Contains("PORT=8080", File.ReadAllText(Path.Combine(deploy, "current", ".env")), StringComparison.Ordinal);

        PruneResult pruned = await _service.PruneAsync(ReleaseTestContext.App, keepLast: 2);
        Assert.Equal(new[] { "v2" }, pruned.Removed);
        Assert.Equal(new[] { "v1" }, pruned.KeptPublished);
        Assert.Equal(1, pruned.GarbageCollection!.BlobsRemoved);
        Assert.Equal(3, await CountAsync("team/shop/objects/"));
        Assert.Equal(0, await CountAsync("team/shop/locks/shared/"));

        ReleaseRecord restored = await _service.RestoreAsync(ReleaseTestContext.App, "v3");
        Assert.Equal(("v5", "v3"), (restored.Id, restored.RestoredFrom));
        Assert.True((await _service.VerifyAsync(ReleaseTestContext.App)).IsValid);
    }

    [AzuriteFact]
    public async Task TheLocatorFindsTheContainerByUrl()
    {
        string? savedConnection = ModuleSettings.Read(ModuleSettings.AzureStorageConnectionStringVariable);
        string? savedKey = ModuleSettings.Read(ModuleSettings.AzureStorageKeyVariable);
        try
        {
            Environment.SetEnvironmentVariable(ModuleSettings.AzureStorageConnectionStringVariable, _azurite.ConnectionString);
            using IReleaseStore byScheme = ReleaseStoreLocator.FromSetting("azureblob://" + _container + "/team/shop");
            _local.WriteFile("a.txt", "a");
            await new ReleaseService(byScheme, new ReleaseServiceOptions()).CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = _local.Build });

            // The same container by its URL (path style, as Azurite serves it) and the account key.
            string endpoint = _azurite.ConnectionString.Split(';').Single(p => p.StartsWith("BlobEndpoint=", StringComparison.Ordinal))["BlobEndpoint=".Length..];
            string key = _azurite.ConnectionString.Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
            Environment.SetEnvironmentVariable(ModuleSettings.AzureStorageKeyVariable, key);
            using IReleaseStore byUrl = ReleaseStoreLocator.FromSetting(endpoint + "/" + _container + "/team/shop");
            Assert.Equal(new[] { "v1" }, await byUrl.ListReleaseIdsAsync(ReleaseTestContext.App, default));
            Assert.DoesNotContain(key, byUrl.DisplayLocation, StringComparison.Ordinal);

            Environment.SetEnvironmentVariable(ModuleSettings.AzureStorageKeyVariable, null);
            var error = Assert.Throws<ReleaseException>(() => ReleaseStoreLocator.FromSetting(endpoint + "/" + _container));
            Assert.Equal(ProblemId.StoreLocationInvalid, error.Problem);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ModuleSettings.AzureStorageConnectionStringVariable, savedConnection);
            Environment.SetEnvironmentVariable(ModuleSettings.AzureStorageKeyVariable, savedKey);
        }
    }

    public void Dispose()
    {
        _local.Dispose();
        new BlobContainerClient(_azurite.ConnectionString, _container).DeleteIfExists();
    }

    private Task<ReleaseRecord> CreateAsync() =>
        _service.CreateAsync(new ReleaseRequest { App = ReleaseTestContext.App, BuildPath = _local.Build, Config = ReleaseTestContext.SampleConfig });

    [AzuriteFact]
    public async Task TheAdminTaskAuditTrailLivesInTheStoreAndConcurrentAppendsStayWhole()
    {
        var log = AdminTaskAuditLog.ForStore(_store);
        Assert.Empty(log.ReadLast(10));
        var outcome = new AdminTaskOutcome(0, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), false, false, false);

        // Four agents appending at once: every record arrives whole, none lost.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(agent => Task.Run(() =>
        {
            for (int i = 0; i < 10; i++)
            {
                log.Append(AdminTaskAuditRecord.Create("task" + i, new[] { "--agent", agent.ToString(System.Globalization.CultureInfo.InvariantCulture) }, outcome, "v" + agent, "production"));
            }
        })));

        Assert.Equal(40, log.ReadLast(100).Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => "task" + i), log.ReadLast(100, releaseId: "v2").Select(r => r.Command));
        Assert.Equal("azureblob://" + _container + "/team/shop/audit/admin-tasks.jsonl", log.Location);
        Assert.Equal(1, await CountAsync("team/shop/audit/"));

        // Another agent (another store object on the same container) sees the same trail.
        using IReleaseStore other = ReleaseStoreLocator.ForAzureConnectionString(_azurite.ConnectionString, _container, "team/shop");
        Assert.Equal(3, AdminTaskAuditLog.ForStore(other).ReadLast(3).Count);
    }

    private async Task<int> CountAsync(string prefix)
    {
        int count = 0;
        await foreach (var item in new BlobContainerClient(_azurite.ConnectionString, _container).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, default))
        {
            count++;
        }

        return count;
    }
}

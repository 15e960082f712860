using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using TwelveFactor.Core.Config;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Parity;
using TwelveFactor.Core.ContinuousIntegration;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Releases.Stores;
using TwelveFactor.Core.Tests.AdminProcesses;

using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.BackingServices;
using TwelveFactor.Core.Foundation.Secrets;
using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Security;

/// <summary>Values, compose files, store URLs and command lines written by others cannot leak secrets or take the host down.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostileValueTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tf-hostile-" + Guid.NewGuid().ToString("N"));

    public HostileValueTests() => Directory.CreateDirectory(_dir);

    [Theory]
    [InlineData("postgres://db.internal/app?user=app&password=hunter2-pw", "postgres://db.internal/app?user=app&password=********")]
    [InlineData("redis://cache.internal:6379/0?password=hunter2-pw", "redis://cache.internal:6379/0?password=********")]
    [InlineData("https://bucket.s3.amazonaws.com/x?X-Amz-Credential=AKIA&X-Amz-Signature=hunter2-pw", "https://bucket.s3.amazonaws.com/x?X-Amz-Credential=********&X-Amz-Signature=********")]
    [InlineData("https://acct.blob.core.windows.net/c?sv=2022&sig=hunter2-pw", "https://acct.blob.core.windows.net/c?sv=2022&sig=********")]
    [InlineData("Server=db;Database=app;User Id=sa;Password=hunter2-pw;", "Server=db;Database=app;User Id=sa;Password=********;")]
    [InlineData("Server=db;Uid=sa;Pwd=hunter2-pw", "Server=db;Uid=sa;Pwd=********")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=hunter2-pw==;EndpointSuffix=core.windows.net", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=********;EndpointSuffix=core.windows.net")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=hunter2-pw", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=********")]
    [InlineData("Server=db;Password=\"hunter2;pw\";Database=app", "Server=db;Password=********;Database=app")]
    public void CredentialsInsideAValueMakeItSecretAndOnlyTheCredentialIsMasked(string value, string shown)
    {
        Assert.True(SecretClassifier.IsSecret("DATABASE_URL", value, markedSecret: false));
        Assert.Equal(shown, SecretClassifier.Display("DATABASE_URL", value, markedSecret: false));
        Assert.DoesNotContain("hunter2", shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n")]
    [InlineData("some text first\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----")]
    public void APrivateKeyAnywhereInAValueIsMaskedWhole(string value)
    {
        Assert.True(SecretClassifier.IsSecret("TLS_MATERIAL", value, markedSecret: false));
        Assert.Equal(SecretClassifier.Mask, SecretClassifier.Display("TLS_MATERIAL", value, markedSecret: false));
    }

    [Theory]
    [InlineData("postgres://db.internal/app?sslmode=require&authSource=admin")]
    [InlineData("Server=db;Database=app;User Id=sa;SharedAccessKeyName=root")]
    [InlineData("https://example.com/search?q=keyboard")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")]
    public void LocatorsWithoutCredentialsStayPlain(string value)
    {
        Assert.False(SecretClassifier.IsSecret("SERVICE_URL", value, markedSecret: false));
        Assert.Equal(value, SecretClassifier.Display("SERVICE_URL", value, markedSecret: false));
    }

    [Fact]
    public void BackingServicesAndConfigMaskAQueryCredentialTheSameWay()
    {
        const string url = "postgres://db.internal:5432/app?user=app&password=hunter2-pw";
        Assert.True(BackingServiceParser.TryParse("DATABASE_URL", url, out BackingServiceLocator? locator, out _));
        Assert.Equal(SecretClassifier.Display("DATABASE_URL", url, markedSecret: false), locator!.MaskedUrl);
    }

    [Theory]
    [InlineData("mysql", "-uroot -pS3cretPass dbname", "-uroot -p******** dbname")]
    [InlineData("psql", "-h db -p5432 app", "-h db -p5432 app")]
    [InlineData("env", "PGPASSWORD=S3cretPass psql -h db", "PGPASSWORD=******** psql -h db")]
    [InlineData("curl", "-H|Authorization: Bearer S3cretPass|https://api", "-H|Authorization: Bearer ********|https://api")]
    [InlineData("curl", "-H|X-Api-Key: S3cretPass|https://api", "-H|X-Api-Key: ********|https://api")]
    [InlineData("curl", "-u|admin:S3cretPass|https://api", "-u|admin:********|https://api")]
    [InlineData("curl", "--user=admin:S3cretPass https://api", "--user=admin:******** https://api")]
    [InlineData("curl", "https://api/x?token=S3cretPass&sig=S3cretSig", "https://api/x?token=********&sig=********")]
    [InlineData("sqlcmd", "Server=db;User Id=sa;Password=S3cretPass", "Server=db;User Id=sa;Password=********")]
    public void TheAuditMasksCredentialsInEveryCommonArgumentForm(string command, string arguments, string expected)
    {
        char separator = arguments.Contains('|', StringComparison.Ordinal) ? '|' : ' ';
        var outcome = new AdminTaskOutcome(0, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), false, false, false);
        AdminTaskAuditRecord record = AdminTaskAuditRecord.Create(command, arguments.Split(separator), outcome, "v1", "production");

        Assert.Equal(expected, string.Join(separator, record.Arguments));
        Assert.DoesNotContain("S3cret", string.Join(" ", record.Arguments), StringComparison.Ordinal);
    }

    [Fact]
    public void NestedComposeMergeAliasesAreReadInLinearTime()
    {
        // Each level merges the previous one twice: without sharing, level n is 2^n mappings.
        var yaml = new StringBuilder("x-l0: &l0\n  environment: { A: '1' }\n");
        for (int i = 1; i <= 40; i++)
        {
            yaml.Append($"x-l{i}: &l{i}\n  <<: [*l{i - 1}, *l{i - 1}]\n");
        }

        yaml.Append("services:\n  app:\n    <<: *l40\n");
        File.WriteAllText(Path.Combine(_dir, "compose.yaml"), yaml.ToString());

        var started = System.Diagnostics.Stopwatch.StartNew();
        var images = ComposeImageReader.ReadImages(_dir, new[] { "dev" });
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), "2^40 merges would never finish");
        Assert.Null(Assert.Single(images).Image);
    }

    [Fact]
    public void DeeplyNestedComposeYamlIsAnErrorNotAStackOverflow()
    {
        string deep = "services:\n  app:\n    x: " + new string('[', 50_000) + new string(']', 50_000) + "\n";
        File.WriteAllText(Path.Combine(_dir, "compose.yaml"), deep);

        var error = Assert.Throws<ComposeFileException>(() => ComposeImageReader.ReadImages(_dir, new[] { "dev" }));
        Assert.Contains("nested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeeplyNestedSchemaIsAnErrorNotAStackOverflow()
    {
        string file = Path.Combine(_dir, "config.schema.yaml");
        File.WriteAllText(file, "keys:\n  PORT:\n    type: port\n  MODE:\n    environments: " + new string('[', 200_000) + new string(']', 200_000) + "\n");

        var error = Assert.Throws<ConfigSchemaException>(() => ConfigSchema.Load(file));
        Assert.Equal(5, error.Line);
        Assert.Contains("nested more than 16 deep", error.Message, StringComparison.Ordinal);

        // Real nesting (keys, a key, its rule, a list of environments) still loads.
        File.WriteAllText(file, "keys:\n  MODE:\n    environments: [staging, production]\n    required: true\n");
        Assert.Equal("MODE", Assert.Single(ConfigSchema.Load(file).Rules).Name);
    }

    [Fact]
    public void DoublingInterpolationStopsWithAnErrorNamingFileAndLine()
    {
        var text = new StringBuilder("K0=0123456789abcdef\n");
        for (int i = 1; i <= 39; i++)
        {
            text.Append($"K{i}=${{K{i - 1}}}${{K{i - 1}}}\n");
        }

        string file = Path.Combine(_dir, ".env");
        File.WriteAllText(file, text.ToString());

        ConfigResolution resolution = new ConfigResolver(_ => null).Resolve(new[] { file }, filesAreExplicit: true, ConfigPrecedence.FilesOnly);

        ConfigFileException failure = Assert.Single(resolution.Failures);
        Assert.Equal(ProblemId.ConfigInterpolationFailed, failure.Problem);
        Assert.Contains(".env:", failure.Message, StringComparison.Ordinal);
        Assert.Contains("characters", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeeplyNestedDefaultsAreAnErrorNotAStackOverflow()
    {
        string value = string.Concat(Enumerable.Repeat("${V:-", 50_000)) + "x" + new string('}', 50_000);
        var error = Assert.Throws<EnvFileSyntaxException>(() => EnvInterpolator.Interpolate(value, _ => null, "app.env", 3, 5));
        Assert.Contains("nested", error.Message, StringComparison.Ordinal);
        Assert.Contains("app.env", error.Message, StringComparison.Ordinal);
        Assert.Equal("x", EnvInterpolator.Interpolate("${A:-${B:-${C:-x}}}", _ => null, null, 1, 1));
    }

    [Fact]
    public void AValueOfTwoMegabytesReadsBack()
    {
        string file = Path.Combine(_dir, ".env");
        string big = new string('a', 2 << 20);
        EnvFileEditor.SetValue(file, "BIG_CERT_BUNDLE", big, markSecret: true);

        ConfigResolution resolution = new ConfigResolver(_ => null).Resolve(new[] { file }, filesAreExplicit: true, ConfigPrecedence.FilesOnly);
        Assert.Equal(big, resolution.Values.Single().Value);
    }

    [Fact]
    public void APlainHttpStoreUrlIsRefusedUnlessItIsThisMachine()
    {
        var remote = Assert.Throws<ReleaseException>(() => ReleaseStoreLocator.FromSetting("http://acct.blob.example.com/releases?sv=2022&sig=SAS-SIGNATURE-VALUE"));
        Assert.Equal(ProblemId.StoreLocationInvalid, remote.Problem);
        Assert.DoesNotContain("SAS-SIGNATURE-VALUE", remote.ToString(), StringComparison.Ordinal);
        Assert.Contains("https", remote.Message, StringComparison.Ordinal);

        try
        {
            Environment.SetEnvironmentVariable(ModuleSettings.AzureStorageConnectionStringVariable, "DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=a2V5;BlobEndpoint=http://blob.example.com/acct;");
            Assert.Equal(ProblemId.StoreLocationInvalid, Assert.Throws<ReleaseException>(() => ReleaseStoreLocator.FromSetting("azureblob://releases")).Problem);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ModuleSettings.AzureStorageConnectionStringVariable, null);
        }

        // Loopback is allowed: with no Azurite listening the store is merely unavailable, not refused.
        try
        {
            Assert.NotNull(ReleaseStoreLocator.FromSetting("http://127.0.0.1:9/devstoreaccount1/releases?sv=2022&sig=abc"));
        }
        catch (ReleaseException ex)
        {
            Assert.Equal(ProblemId.StoreUnavailable, ex.Problem);
        }
    }

    [UnixFact]
    public void ARewriteKeepsTheFilesOwnerGroupAndModeAndWritesThroughASymlink()
    {
        string target = Path.Combine(_dir, "app.env");
        File.WriteAllText(target, "A=1\n");
        File.SetUnixFileMode(target, (UnixFileMode)Convert.ToInt32("660", 8));
        string link = Path.Combine(_dir, "link.env");
        File.CreateSymbolicLink(link, "app.env");
        if (UnixFileOwner.IsRoot)
        {
            UnixFileOwner.Set(target, 4321, 8765);
        }

        Assert.True(UnixFileOwner.TryGet(target, out uint uid, out uint gid, out _, out _));
        EnvFileEditor.SetValue(link, "B", "2", markSecret: false);

        Assert.Equal("A=1\nB=2\n", File.ReadAllText(target));
        Assert.Equal("app.env", new FileInfo(link).LinkTarget);
        Assert.True(UnixFileOwner.TryGet(target, out uint newUid, out uint newGid, out _, out int mode));
        Assert.Equal((uid, gid), (newUid, newGid));
        Assert.Equal(Convert.ToInt32("660", 8), mode);
    }

    [UnixFact]
    public void AppendingRefusesALinkAndCreatesOwnerOnly()
    {
        string victim = Path.Combine(_dir, "victim.txt");
        File.WriteAllText(victim, "theirs\n");
        string link = Path.Combine(_dir, "github_env");
        File.CreateSymbolicLink(link, victim);

        Assert.Throws<IOException>(() => OwnerOnlyAppender.Append(link, Encoding.UTF8.GetBytes("X=1\n")));
        Assert.Equal("theirs\n", File.ReadAllText(victim));

        string fresh = Path.Combine(_dir, "fresh_env");
        OwnerOnlyAppender.Append(fresh, Encoding.UTF8.GetBytes("X=1\n"));
        OwnerOnlyAppender.Append(fresh, Encoding.UTF8.GetBytes("Y=2\n"));
        Assert.Equal("X=1\nY=2\n", File.ReadAllText(fresh));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fresh));
    }

    [Theory]
    [InlineData("info ##vso[task.complete result=Succeeded;]", DisplayNeutralizer.CiSystems.AzurePipelines, "info **vso[task.complete result=Succeeded;]")]
    [InlineData("##[error]fake", DisplayNeutralizer.CiSystems.AzurePipelines, "**[error]fake")]
    [InlineData("x ##VSO[task.complete]", DisplayNeutralizer.CiSystems.AzurePipelines, "x **VSO[task.complete]")]
    [InlineData("  ::error file=x::owned", DisplayNeutralizer.CiSystems.GitHubActions, "  \\x3a:error file=x::owned")]
    [InlineData("a\nb\u001b]0;title\u0007", DisplayNeutralizer.CiSystems.None, "a\\nb\\e]0;title\\x07")]
    [InlineData("name\n::stop-commands::x", DisplayNeutralizer.CiSystems.GitHubActions, "name\\n::stop-commands::x")]
    public void DisplayedTextCannotCommandTheCiSystemOrTheTerminal(string text, DisplayNeutralizer.CiSystems systems, string shown)
    {
        Assert.Equal(shown, DisplayNeutralizer.Neutralize(text, systems));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

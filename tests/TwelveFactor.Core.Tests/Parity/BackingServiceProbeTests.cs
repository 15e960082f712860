using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Parity;
using TwelveFactor.Core.Tests.Parity.Servers;

using TwelveFactor.Core.BackingServices;
namespace TwelveFactor.Core.Tests.Parity;

public sealed class BackingServiceProbeTests : IClassFixture<RedisServerFixture>, IClassFixture<PostgresServerFixture>
{
    private readonly RedisServerFixture _redis;
    private readonly PostgresServerFixture _postgres;

    public BackingServiceProbeTests(RedisServerFixture redis, PostgresServerFixture postgres)
    {
        _redis = redis;
        _postgres = postgres;
    }

    private static BackingServiceLocator Locator(string value, string name = "SERVICE_URL")
    {
        Assert.True(BackingServiceParser.TryParse(name, value, out BackingServiceLocator? locator, out string? error), error);
        return locator;
    }

    private static Task<BackingServiceProbeResult> Probe(string value, BackingServiceProbeOptions? options = null) =>
        new BackingServiceProbe(options ?? new BackingServiceProbeOptions { Timeout = TimeSpan.FromSeconds(10) }).ProbeAsync(Locator(value));

    [RedisFact]
    public async Task RedisOnLoopbackAnswers()
    {
        BackingServiceProbeResult result = await Probe($"redis://:s3cret@127.0.0.1:{_redis.RequirePort()}/0");

        Assert.True(result.Succeeded, result.Error);
        Assert.Null(result.FailedStep);
        Assert.Equal(new[] { BackingServiceProbeStepKind.Resolve, BackingServiceProbeStepKind.Connect }, result.Steps.Select(s => s.Step));
        Assert.All(result.Steps, s => Assert.True(s.Duration >= TimeSpan.Zero));
        Assert.Equal($"127.0.0.1:{_redis.Port}", result.ConnectedAddress);
        Assert.Equal($"redis://:********@127.0.0.1:{_redis.Port}/0", result.MaskedUrl);
        Assert.DoesNotContain(result.Steps, s => s.Message.Contains("s3cret", StringComparison.Ordinal));
    }

    [RedisFact]
    public async Task LocalhostResolvesAndFallsBackToTheAddressThatListens()
    {
        BackingServiceProbeResult result = await Probe($"redis://localhost:{_redis.RequirePort()}");

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains("127.0.0.1", result.Addresses);
        Assert.Equal($"127.0.0.1:{_redis.Port}", result.ConnectedAddress);
    }

    [RedisFact]
    public async Task EachHostOfAMultiHostLocatorCanBeProbed()
    {
        int closed = ServerProcess.FreePort();
        BackingServiceLocator locator = Locator($"mongodb://127.0.0.1:{closed},127.0.0.1:{_redis.RequirePort()}/app");
        var probe = new BackingServiceProbe();

        BackingServiceProbeResult[] results =
            await Task.WhenAll(locator.Endpoints.Select(e => probe.ProbeAsync(locator, e)));

        Assert.Equal(new[] { closed, _redis.Port }, results.Select(r => r.Port!.Value));
        Assert.Equal(new[] { false, true }, results.Select(r => r.Succeeded));
        Assert.Equal(BackingServiceProbeStepKind.Connect, results[0].FailedStep);
    }

    [PostgresFact]
    public async Task PostgresOnLoopbackAnswers()
    {
        BackingServiceProbeResult result = await Probe($"postgres://tf:pw@127.0.0.1:{_postgres.RequirePort()}/postgres");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(BackingServiceKind.Postgres, result.Kind);
    }

    [PostgresFact]
    public async Task PostgresWithoutSslFailsTheTlsStepWhenTheUrlRequiresIt()
    {
        BackingServiceProbeResult result = await Probe($"postgres://tf:pw@127.0.0.1:{_postgres.RequirePort()}/postgres?sslmode=require");

        Assert.False(result.Succeeded);
        Assert.Equal(BackingServiceProbeStepKind.TlsHandshake, result.FailedStep);
        Assert.Contains("refused TLS", result.Error);
        Assert.Equal(BackingServiceProbeStatus.Succeeded, result.Steps.Single(s => s.Step == BackingServiceProbeStepKind.Connect).Status);
    }

    [Fact]
    public async Task ClosedPortFailsTheConnectStep()
    {
        int port = ServerProcess.FreePort();
        BackingServiceProbeResult result = await Probe($"rediss://127.0.0.1:{port}");

        Assert.Equal(BackingServiceProbeStatus.Failed, result.Status);
        Assert.Equal(BackingServiceProbeStepKind.Connect, result.FailedStep);
        Assert.Contains("ConnectionRefused", result.Error);
        Assert.Equal(BackingServiceProbeStatus.Skipped, result.Steps.Single(s => s.Step == BackingServiceProbeStepKind.TlsHandshake).Status);
    }

    [Fact]
    public async Task UnresolvableNameFailsTheResolveStep()
    {
        BackingServiceProbeResult result = await Probe("postgres://u:hunter2@db.name.invalid:5432/app");

        Assert.Equal(BackingServiceProbeStepKind.Resolve, result.FailedStep);
        Assert.Contains("db.name.invalid", result.Error);
        Assert.DoesNotContain("hunter2", result.Error);
        Assert.Equal(BackingServiceProbeStatus.Skipped, result.Steps.Single(s => s.Step == BackingServiceProbeStepKind.Connect).Status);
    }

    [Fact]
    public async Task TlsHandshakeReportsCertificateExpiryAndWarnsUnderTheThreshold()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using var server = new TlsTestServer(now.AddDays(-1), now.AddDays(10).AddHours(1));
        var options = new BackingServiceProbeOptions { AllowUntrustedCertificate = true, CertificateExpiryWarningDays = 30 };

        BackingServiceProbeResult result = await Probe($"https://localhost:{server.Port}/health", options);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(BackingServiceProbeStepKind.TlsHandshake, result.Steps.Last().Step);
        Assert.Equal(server.NotAfter, result.CertificateNotAfter);
        Assert.Equal(10, result.CertificateDaysToExpiry);
        Assert.Equal("CN=localhost", result.CertificateSubject);
        Assert.Contains(result.Warnings, w => w.Contains("in 10 days", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("not trusted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CertificateFarFromExpiryGivesNoExpiryWarning()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using var server = new TlsTestServer(now.AddDays(-1), now.AddDays(200));
        var options = new BackingServiceProbeOptions { AllowUntrustedCertificate = true, CertificateExpiryWarningDays = 30 };

        BackingServiceProbeResult result = await Probe($"rediss://127.0.0.1:{server.Port}", options);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.CertificateDaysToExpiry >= 199);
        Assert.DoesNotContain(result.Warnings, w => w.Contains("expires", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UntrustedCertificateFailsUnlessAllowedButItsExpiryIsStillReported()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using var server = new TlsTestServer(now.AddDays(-1), now.AddDays(90));

        BackingServiceProbeResult result = await Probe($"amqps://guest:guest@localhost:{server.Port}/");

        Assert.Equal(BackingServiceProbeStepKind.TlsHandshake, result.FailedStep);
        Assert.Contains("RemoteCertificateChainErrors", result.Error);
        Assert.NotNull(result.CertificateNotAfter);
    }

    [Fact]
    public async Task ExpiredCertificateFailsTheTlsStep()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using var server = new TlsTestServer(now.AddDays(-60), now.AddDays(-2));
        var options = new BackingServiceProbeOptions { AllowUntrustedCertificate = true };

        BackingServiceProbeResult result = await Probe($"https://127.0.0.1:{server.Port}", options);

        Assert.Equal(BackingServiceProbeStepKind.TlsHandshake, result.FailedStep);
        Assert.Contains("expired", result.Error);
        Assert.True(result.CertificateDaysToExpiry < 0);
    }

    [Fact]
    public async Task PostgresSslRequestIsSentBeforeTheHandshake()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using var server = new TlsTestServer(now.AddDays(-1), now.AddDays(100), postgresSslRequest: true);
        var options = new BackingServiceProbeOptions { AllowUntrustedCertificate = true };

        BackingServiceProbeResult result = await Probe($"postgresql://u:p@localhost:{server.Port}/app?sslmode=verify-full", options);

        Assert.True(result.Succeeded, result.Error);
        Assert.NotNull(result.CertificateNotAfter);
    }

    [Fact]
    public async Task SilentServerTimesOutInTheTlsStepWithinTheOverallTimeout()
    {
        using var server = new TlsTestServer(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), handshake: false);
        var options = new BackingServiceProbeOptions { Timeout = TimeSpan.FromMilliseconds(800) };

        BackingServiceProbeResult result = await Probe($"https://127.0.0.1:{server.Port}", options);

        Assert.Equal(BackingServiceProbeStepKind.TlsHandshake, result.FailedStep);
        Assert.Contains("Timed out", result.Error);
        Assert.True(result.Duration < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CallerCancellationThrows()
    {
        using var server = new TlsTestServer(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), handshake: false);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var probe = new BackingServiceProbe(new BackingServiceProbeOptions { Timeout = TimeSpan.FromSeconds(30) });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.ProbeAsync(Locator($"https://127.0.0.1:{server.Port}"), cts.Token));
    }

    [Fact]
    public async Task SqliteChecksTheFileRelativeToTheBaseDirectory()
    {
        string dir = System.IO.Directory.CreateTempSubdirectory("tf-sqlite-").FullName;
        try
        {
            System.IO.File.WriteAllBytes(System.IO.Path.Combine(dir, "app.db"), new byte[] { 1 });
            var options = new BackingServiceProbeOptions { BaseDirectory = dir };

            Assert.True((await Probe("sqlite:///app.db", options)).Succeeded);
            BackingServiceProbeResult missing = await Probe("sqlite:///missing.db", options);
            Assert.Equal(BackingServiceProbeStepKind.File, missing.FailedStep);
            Assert.Equal(BackingServiceProbeStatus.Skipped, (await Probe("sqlite://", options)).Status);
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task MongoSrvIsReportedAsNotChecked()
    {
        BackingServiceProbeResult result = await Probe("mongodb+srv://u:p@cluster0.example.invalid/app");
        Assert.Equal(BackingServiceProbeStatus.Skipped, result.Status);
        Assert.Contains("SRV", result.Error);
    }
}

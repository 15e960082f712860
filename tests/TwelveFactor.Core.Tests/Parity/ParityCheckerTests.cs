using System;
using System.Collections.Generic;
using System.Linq;
using TwelveFactor.Core.Parity;

namespace TwelveFactor.Core.Tests.Parity;

public sealed class ParityCheckerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static EnvironmentConfig Env(string name, params (string Key, string Value)[] entries) =>
        new(name, entries.Select((e, i) => new ParityConfigEntry(e.Key, e.Value, false, $".env.{name}", i + 1)).ToList());

    private static ParityChecker Checker(IReadOnlySet<string>? specific = null) => new(new ParityOptions
    {
        EnvironmentSpecificKeys = specific ?? new HashSet<string>(),
        TimeProvider = new FixedClock(),
    });

    private static readonly EnvironmentConfig Dev = Env("dev",
        ("APP_NAME", "shop"),
        ("DATABASE_URL", "sqlite:///db/development.sqlite3"),
        ("REDIS_URL", "redis://localhost:6379/0"),
        ("FEATURE_CHECKOUT", "true"),
        ("WORKERS", "2"),
        ("DEBUG_TOOLBAR", "1"),
        ("STRIPE_SECRET_KEY", "sk_test_51HxDevOnly"),
        ("SESSION_SECRET", "correct-horse-battery-staple"));

    private static readonly EnvironmentConfig Prod = Env("prod",
        ("APP_NAME", "shop"),
        ("DATABASE_URL", "postgres://shop:Pr0d-Pa55w0rd@db.prod.internal:5432/shop?sslmode=require"),
        ("REDIS_URL", "redis://127.0.0.1:6379/0"),
        ("FEATURE_CHECKOUT", "True"),
        ("WORKERS", "four"),
        ("SENTRY_DSN", "https://abc123@o1.ingest.sentry.io/42"),
        ("STRIPE_SECRET_KEY", "sk_live_51HxProdOnly"),
        ("SESSION_SECRET", "correct-horse-battery-staple"));

    private static readonly string[] SecretValues =
    {
        "sk_test_51HxDevOnly", "sk_live_51HxProdOnly", "correct-horse-battery-staple", "Pr0d-Pa55w0rd", "hunter2hunter2",
    };

    private static void AssertNoSecrets(IEnumerable<ParityFinding> findings)
    {
        foreach (ParityFinding f in findings)
        {
            string all = string.Join("|", f.Message, f.Key, f.Source, string.Join(",", f.Environments));
            foreach (string secret in SecretValues)
            {
                Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void DevAgainstProdFindsEachKindOfGapWithoutShowingSecrets()
    {
        var findings = Checker().CheckAgainstReference(new ParityInput(new[] { Dev, Prod }), "prod", new[] { "dev" });
        AssertNoSecrets(findings);

        ParityFinding missingInDev = Assert.Single(findings, f => f.Check == ParityCheck.MissingKey && f.Key == "SENTRY_DSN");
        Assert.Equal(ParitySeverity.Warning, missingInDev.Severity); // dev is local
        Assert.Equal(new[] { "dev", "prod" }, missingInDev.Environments);
        Assert.Equal(".env.prod:6", missingInDev.Source);

        ParityFinding missingInProd = Assert.Single(findings, f => f.Check == ParityCheck.MissingKey && f.Key == "DEBUG_TOOLBAR");
        Assert.Equal(ParitySeverity.Error, missingInProd.Severity);
        Assert.Equal("DEBUG_TOOLBAR is set in dev but missing in prod.", missingInProd.Message);

        ParityFinding kind = Assert.Single(findings, f => f.Check == ParityCheck.BackingServiceKind);
        Assert.Equal(("DATABASE_URL", ParitySeverity.Error), (kind.Key, kind.Severity));
        Assert.Equal("DATABASE_URL locates Postgres in prod but Sqlite in dev.", kind.Message);

        ParityFinding localhost = Assert.Single(findings, f => f.Check == ParityCheck.LocalhostInNonLocal);
        Assert.Equal(("REDIS_URL", "prod", ".env.prod:3"), (localhost.Key, localhost.Environments.Single(), localhost.Source));
        Assert.Contains("127.0.0.1", localhost.Message);

        ParityFinding reuse = Assert.Single(findings, f => f.Check == ParityCheck.SecretReuse);
        Assert.Equal(("SESSION_SECRET", ParitySeverity.Error, ".env.dev:8"), (reuse.Key, reuse.Severity, reuse.Source));

        var types = findings.Where(f => f.Check == ParityCheck.ValueType).ToDictionary(f => f.Key!);
        Assert.Equal(new[] { "FEATURE_CHECKOUT", "WORKERS" }, types.Keys.OrderBy(k => k));
        Assert.Equal("FEATURE_CHECKOUT is a boolean spelled True/False in prod but true/false in dev; not every reader takes both.",
            types["FEATURE_CHECKOUT"].Message);
        Assert.Equal("WORKERS is text in prod but a number in dev.", types["WORKERS"].Message);

        Assert.DoesNotContain(findings, f => f.Key == "STRIPE_SECRET_KEY" || f.Key == "APP_NAME");
    }

    [Fact]
    public void DocumentedEnvironmentSpecificKeysAreNotMissing()
    {
        var specific = new HashSet<string> { "SENTRY_DSN", "DEBUG_TOOLBAR" };
        var findings = Checker(specific).CheckAgainstReference(new ParityInput(new[] { Dev, Prod }), "prod", new[] { "dev" });
        Assert.DoesNotContain(findings, f => f.Check == ParityCheck.MissingKey);
    }

    [Fact]
    public void LocalhostIsAllowedInLocalEnvironmentsAndConfigurable()
    {
        var staging = Env("staging", ("CACHE", "localhost:11211"), ("API", "http://[::1]:8080/"), ("SECRET_HOST_TOKEN", "localhost"));
        var qa = Env("qa", ("CACHE", "localhost:11211"));
        var input = new ParityInput(new[] { staging, Dev, qa });

        var findings = Checker().CheckAllPairs(input);
        var local = findings.Where(f => f.Check == ParityCheck.LocalhostInNonLocal).ToList();
        Assert.Equal(new[] { "staging/CACHE", "staging/API", "qa/CACHE" }, local.Select(f => f.Environments[0] + "/" + f.Key));
        Assert.DoesNotContain(local, f => f.Environments.Contains("dev"));

        var relaxed = new ParityChecker(new ParityOptions { LocalEnvironmentNames = new HashSet<string> { "dev", "qa" } });
        Assert.Equal(2, relaxed.CheckAllPairs(input).Count(f => f.Check == ParityCheck.LocalhostInNonLocal));
    }

    [Fact]
    public void BindAllAddressesIsNotLocalhostAndAllowedKeysAreSkipped()
    {
        var prod = Env("prod", ("HOST", "0.0.0.0"), ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317"), ("STATSD", "127.0.0.1:8125"));
        var checker = new ParityChecker(new ParityOptions { LocalhostAllowedKeys = new HashSet<string> { "OTEL_EXPORTER_OTLP_ENDPOINT" } });

        ParityFinding f = Assert.Single(checker.CheckAllPairs(new ParityInput(new[] { prod })));
        Assert.Equal(("STATSD", ParityCheck.LocalhostInNonLocal), (f.Key, f.Check));
    }

    [Fact]
    public void SecretReuseSeesPasswordsInEveryLocatorForm()
    {
        var staging = Env("staging", ("PG", "host=db.staging port=5432 dbname=shop password='hunter2hunter2'"));
        var prod = Env("prod", ("REDIS", "cache.prod:6380,password=hunter2hunter2,ssl=True"));

        var findings = Checker().CheckAllPairs(new ParityInput(new[] { staging, prod }));
        AssertNoSecrets(findings);
        Assert.Equal("PG in staging has the same secret value as REDIS in prod (compared as salted hashes).",
            Assert.Single(findings, f => f.Check == ParityCheck.SecretReuse).Message);
    }

    [Fact]
    public void SecretReuseComparesUrlPasswordsAcrossKeysAndHosts()
    {
        var staging = Env("staging",
            ("DATABASE_URL", "postgres://shop:hunter2hunter2@db.staging.internal/shop"),
            ("ADMIN_TOKEN", "tok-staging-0001"),
            ("AUTH_ENABLED", "true"));
        var prod = Env("production",
            ("DATABASE_URL", "postgres://shop:hunter2hunter2@db.prod.internal/shop"),
            ("LEGACY_DB", "Server=sql.prod;Database=x;User Id=sa;Password=hunter2hunter2"),
            ("ADMIN_TOKEN", "tok-prod-0002"),
            ("AUTH_ENABLED", "true"));

        var findings = Checker().CheckAgainstReference(new ParityInput(new[] { staging, prod }), "production", new[] { "staging" });
        AssertNoSecrets(findings);

        ParityFinding reuse = Assert.Single(findings, f => f.Check == ParityCheck.SecretReuse);
        Assert.Equal("DATABASE_URL, LEGACY_DB in production has the same secret value as DATABASE_URL in staging (compared as salted hashes).", reuse.Message);
    }

    [Fact]
    public void SaltedFingerprintsDifferBetweenRuns()
    {
        var entry = new ParityConfigEntry("API_KEY", "abcdefgh-1234", true, null, 0);
        Assert.NotEqual(new SecretFingerprinter().Fingerprint(entry, null), new SecretFingerprinter().Fingerprint(entry, null));
        var one = new SecretFingerprinter();
        Assert.Equal(one.Fingerprint(entry, null), one.Fingerprint(entry with { Name = "OTHER_SECRET" }, null));
    }

    [Fact]
    public void MalformedLocatorIsAFindingNamingTheKeyOnly()
    {
        var prod = Env("prod", ("DATABASE_URL", "postgres://shop:hunter2hunter2@db.prod.internal:54x2/shop"));
        var dev = Env("dev", ("DATABASE_URL", "postgres://localhost/shop"));

        var findings = Checker().CheckAllPairs(new ParityInput(new[] { dev, prod }));
        AssertNoSecrets(findings);

        ParityFinding invalid = Assert.Single(findings, f => f.Check == ParityCheck.InvalidLocator);
        Assert.Equal(("DATABASE_URL", "prod", ".env.prod:1"), (invalid.Key, invalid.Environments.Single(), invalid.Source));
        Assert.DoesNotContain("db.prod.internal", invalid.Message);
        Assert.DoesNotContain(findings, f => f.Check == ParityCheck.BackingServiceKind);
    }

    [Fact]
    public void LocatorInOneAndPlainTextInTheOtherIsAWarning()
    {
        var dev = Env("dev", ("QUEUE_URL", "none"));
        var prod = Env("prod", ("QUEUE_URL", "amqps://app:pw@mq.example.com/prod"));
        ParityFinding f = Assert.Single(Checker().CheckAllPairs(new ParityInput(new[] { dev, prod })), x => x.Check == ParityCheck.BackingServiceKind);
        Assert.Equal(ParitySeverity.Warning, f.Severity);
        Assert.Equal("QUEUE_URL locates Amqp in prod but is no backing-service locator in dev.", f.Message);
    }

    [Theory]
    [InlineData("yes", "true", true)]
    [InlineData("1", "true", true)]
    [InlineData("TRUE", "true", true)]
    [InlineData("on", "off", false)]
    [InlineData("false", "true", false)]
    [InlineData("1", "2", false)]
    [InlineData("1.5", "2", false)]
    [InlineData("", "5", true)]
    [InlineData("abc", "def", false)]
    [InlineData("5", "true", true)]
    public void ValueTypes(string left, string right, bool differs)
    {
        var findings = Checker().CheckAllPairs(new ParityInput(new[] { Env("dev", ("X", left)), Env("prod", ("X", right)) }));
        Assert.Equal(differs, findings.Any(f => f.Check == ParityCheck.ValueType));
    }

    [Fact]
    public void ImageVersionsAreComparedPerService()
    {
        var images = new[]
        {
            new ComposeServiceImage("dev", "cache", "redis:7.2", "redis", "7.2", null, "compose.yaml", 10),
            new ComposeServiceImage("prod", "cache", "redis:6.2", "redis", "6.2", null, "compose.prod.yaml", 3),
            new ComposeServiceImage("dev", "web", "acme/web", "acme/web", null, null, "compose.yaml", 4),
            new ComposeServiceImage("prod", "web", "acme/web:latest", "acme/web", "latest", null, "compose.yaml", 4),
            new ComposeServiceImage("dev", "api", "acme/api:1", "acme/api", "1", null, "compose.yaml", 7),
            new ComposeServiceImage("prod", "api", "acme/api:1@sha256:aa", "acme/api", "1", "sha256:aa", "compose.prod.yaml", 9),
            new ComposeServiceImage("prod", "metrics", "prom/statsd:v1", "prom/statsd", "v1", null, "compose.prod.yaml", 12),
            new ComposeServiceImage("dev", "worker", null, null, null, null, "compose.yaml", 20),
            new ComposeServiceImage("prod", "worker", "acme/worker:3", "acme/worker", "3", null, "compose.prod.yaml", 15),
        };
        var input = new ParityInput(new[] { Env("dev"), Env("prod") }) { Images = images };

        var findings = Checker().CheckAgainstReference(input, "dev", new[] { "prod" }).Where(f => f.Check == ParityCheck.ImageVersion).ToList();

        Assert.Equal(new[] { "api", "cache", "metrics", "worker" }, findings.Select(f => f.Key).OrderBy(k => k));
        ParityFinding cache = findings.Single(f => f.Key == "cache");
        Assert.Equal(("Service cache runs redis:7.2 in dev but redis:6.2 in prod.", "compose.prod.yaml:3", ParitySeverity.Warning),
            (cache.Message, cache.Source, cache.Severity));
        Assert.Equal(ParitySeverity.Information, findings.Single(f => f.Key == "metrics").Severity);
        Assert.Contains("built from source in dev", findings.Single(f => f.Key == "worker").Message);
    }

    [Fact]
    public void ReleaseDriftReportsEachReleaseAndGapsPastTheThreshold()
    {
        var releases = new[]
        {
            new EnvironmentRelease("prod", "v41", Now.AddDays(-21)),
            new EnvironmentRelease("staging", "v40", Now.AddDays(-30)),
            new EnvironmentRelease("staging", "v44", Now.AddDays(-1)),
            new EnvironmentRelease("dev", "v44", Now.AddDays(-1)),
        };
        var input = new ParityInput(new[] { Env("dev"), Env("staging"), Env("prod"), Env("qa") }) { Releases = releases };

        var findings = Checker().CheckAllPairs(input).Where(f => f.Check == ParityCheck.ReleaseDrift).ToList();

        Assert.Contains(findings, f => f.Message == "prod runs release v41, created 2026-11-02 12:00 UTC (21 days ago).");
        Assert.Contains(findings, f => f.Message == "qa has no recorded release.");
        Assert.Contains(findings, f => f.Message == "dev and staging run the same release v44.");
        ParityFinding gap = Assert.Single(findings, f => f.Severity == ParitySeverity.Warning && f.Environments.SequenceEqual(new[] { "staging", "prod" }));
        Assert.Equal("staging runs release v44 and prod runs v41: 20 days apart, more than the 7 days allowed.", gap.Message);

        var tolerant = new ParityChecker(new ParityOptions { ReleaseDriftThreshold = TimeSpan.FromDays(30), TimeProvider = new FixedClock() });
        Assert.DoesNotContain(tolerant.CheckAllPairs(input), f => f.Severity == ParitySeverity.Warning);
    }

    [Fact]
    public void NoReleasesGiveNoReleaseFindings()
    {
        Assert.DoesNotContain(Checker().CheckAllPairs(new ParityInput(new[] { Dev, Prod })), f => f.Check == ParityCheck.ReleaseDrift);
    }

    [Fact]
    public void MissingEnvironmentIsATypedError()
    {
        var ex = Assert.Throws<ParityEnvironmentNotFoundException>(
            () => Checker().CheckAgainstReference(new ParityInput(new[] { Dev }), "prod", new[] { "dev" }));
        Assert.Equal("prod", ex.Environment);
        Assert.Contains("'prod'", ex.Message);
    }

    [Fact]
    public void LastDefinitionOfAKeyWins()
    {
        var dev = Env("dev", ("PORT", "abc"), ("PORT", "8080"));
        var prod = Env("prod", ("PORT", "80"));
        Assert.DoesNotContain(Checker().CheckAllPairs(new ParityInput(new[] { dev, prod })), f => f.Check == ParityCheck.ValueType);
    }

    [Fact]
    public void AllPairsCompareEveryPairOnceAndReferenceModeOnlyAgainstTheReference()
    {
        var a = Env("a", ("ONLY_A", "1"));
        var b = Env("b");
        var c = Env("c");
        var input = new ParityInput(new[] { a, b, c });

        Assert.Equal(2, Checker().CheckAllPairs(input).Count(f => f.Check == ParityCheck.MissingKey));
        Assert.Single(Checker().CheckAgainstReference(input, "b", new[] { "a", "b", "a" }), f => f.Check == ParityCheck.MissingKey);
        ParityFinding onlyPair = Assert.Single(Checker().CheckAllPairs(input, new[] { "a", "b" }));
        Assert.Equal(new[] { "b", "a" }, onlyPair.Environments);
        Assert.Empty(Checker().CheckAllPairs(input, new[] { "b", "c" }));
    }

    [Fact]
    public void FiveEnvironmentsOfTenThousandKeysComplete()
    {
        var envs = Enumerable.Range(0, 5).Select(e => new EnvironmentConfig($"env{e}", Enumerable.Range(0, 10_000)
            .Where(k => k % 97 != e)
            .Select(k => new ParityConfigEntry($"KEY_{k}", (k % 5) switch
            {
                0 => $"postgres://u:pw{k}@db{e}.example.com/app",
                1 => (k + e).ToString(),
                2 => e % 2 == 0 ? "true" : "yes",
                3 => $"secret-{k}-{e % 2}",
                _ => $"text {k}",
            }, k % 5 == 3, "env", k + 1)).ToList())).ToList();

        var findings = Checker().CheckAllPairs(new ParityInput(envs));

        Assert.True(findings.Count > 10_000);
        Assert.Contains(findings, f => f.Check == ParityCheck.SecretReuse);
        Assert.Contains(findings, f => f.Check == ParityCheck.MissingKey);
        Assert.Contains(findings, f => f.Check == ParityCheck.ValueType);
    }
}

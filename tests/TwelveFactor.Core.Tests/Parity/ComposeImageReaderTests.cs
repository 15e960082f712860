using System;
using System.IO;
using System.Linq;
using TwelveFactor.Core.Parity;

namespace TwelveFactor.Core.Tests.Parity;

public sealed class ComposeImageReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tf-compose-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string yaml)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, yaml.ReplaceLineEndings("\n"));
        return path;
    }

    private const string Base = """
        name: shop
        x-defaults: &defaults
          image: ghcr.io/acme/worker:1.4.0
          restart: unless-stopped
        services:
          web:
            image: ghcr.io/acme/web:2.3.1
            ports: ["8080:8080"]
          cache:
            image: redis:7.2-alpine
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: example-not-secret
          worker:
            <<: *defaults
          builder:
            build: .
        """;

    [Fact]
    public void OverrideImagesWinAndOthersComeFromTheBaseFileWithLines()
    {
        string baseFile = Write("compose.yaml", Base);
        string prod = Write("compose.prod.yaml", """
            services:
              cache:
                image: redis:6.2
              db:
                environment:
                  POSTGRES_DB: shop
              web:
                image: ghcr.io/acme/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
              metrics:
                image: prom/statsd-exporter:v0.26.0
            """);

        var images = ComposeImageReader.ReadImages(_dir, new[] { "dev", "prod" });

        ComposeServiceImage devCache = images.Single(i => i.Environment == "dev" && i.Service == "cache");
        Assert.Equal(("redis:7.2-alpine", "redis", "7.2-alpine", (string?)null, baseFile, 10),
            (devCache.Image, devCache.ImageName, devCache.Tag, devCache.Digest, devCache.SourceFile, devCache.SourceLine));

        ComposeServiceImage prodCache = images.Single(i => i.Environment == "prod" && i.Service == "cache");
        Assert.Equal(("redis:6.2", "6.2", prod, 3), (prodCache.Image, prodCache.Tag, prodCache.SourceFile, prodCache.SourceLine));

        ComposeServiceImage prodDb = images.Single(i => i.Environment == "prod" && i.Service == "db");
        Assert.Equal(("postgres:16", baseFile), (prodDb.Image, prodDb.SourceFile));

        ComposeServiceImage prodWeb = images.Single(i => i.Environment == "prod" && i.Service == "web");
        Assert.Equal("ghcr.io/acme/web", prodWeb.ImageName);
        Assert.Null(prodWeb.Tag);
        Assert.Equal("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", prodWeb.Digest);

        ComposeServiceImage worker = images.Single(i => i.Environment == "dev" && i.Service == "worker");
        Assert.Equal(("ghcr.io/acme/worker:1.4.0", 3), (worker.Image, worker.SourceLine));

        Assert.Null(images.Single(i => i.Environment == "dev" && i.Service == "builder").Image);
        Assert.Contains(images, i => i.Environment == "prod" && i.Service == "metrics");
        Assert.DoesNotContain(images, i => i.Environment == "dev" && i.Service == "metrics");
    }

    [Fact]
    public void RegistryPortIsNotATag()
    {
        Write("docker-compose.yml", "services:\n  app:\n    image: registry.local:5000/team/app\n");
        ComposeServiceImage app = ComposeImageReader.ReadImages(_dir, new[] { "dev" }).Single();
        Assert.Equal(("registry.local:5000/team/app", (string?)null), (app.ImageName, app.Tag));
    }

    [Fact]
    public void ComposeOverrideYamlIsTheOverrideOfLocalDevelopmentOnly()
    {
        Write("compose.yaml", "services:\n  db:\n    image: postgres:14\n");
        Write("compose.override.yaml", "services:\n  db:\n    image: postgres:16\n");
        Write("compose.dev.yaml", "services:\n  db:\n    image: postgres:15\n");

        var images = ComposeImageReader.ReadImages(_dir, new[] { "development", "Local", "dev", "production" })
            .ToDictionary(i => i.Environment, i => i.Image);

        // development and local run a bare `docker compose up`; dev has an override of its own; production none.
        Assert.Equal("postgres:16", images["development"]);
        Assert.Equal("postgres:16", images["Local"]);
        Assert.Equal("postgres:15", images["dev"]);
        Assert.Equal("postgres:14", images["production"]);
    }

    [Fact]
    public void BaseFileNamesAreTriedInComposeOrderAndOverridesPerEnvironment()
    {
        Write("docker-compose.yml", "services:\n  a:\n    image: old:1\n");
        Write("compose.yaml", "services:\n  a:\n    image: new:1\n");
        Write("docker-compose.staging.yml", "services:\n  a:\n    image: new:2\n");

        Assert.Equal(new[] { Path.Combine(_dir, "compose.yaml"), Path.Combine(_dir, "docker-compose.staging.yml") },
            ComposeImageReader.FilesFor(_dir, "staging"));
        var images = ComposeImageReader.ReadImages(_dir, new[] { "dev", "staging" });
        Assert.Equal(new[] { "new:1", "new:2" }, images.Select(i => i.Image));
    }

    [Fact]
    public void NoComposeFilesGivesNothing()
    {
        Assert.Empty(ComposeImageReader.ReadImages(_dir, new[] { "dev" }));
    }

    [Fact]
    public void MalformedYamlNamesFileAndLineButNoValue()
    {
        string path = Write("compose.yaml", "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: \"hunter2\n");

        var ex = Assert.Throws<ComposeFileException>(() => ComposeImageReader.ReadImages(_dir, new[] { "dev" }));

        Assert.Equal(path, ex.FilePath);
        Assert.Equal(5, ex.Line);
        Assert.StartsWith(path + ":5:", ex.Message);
        Assert.DoesNotContain("hunter2", ex.Message);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public void MalformedOverrideIsReportedWithItsOwnName()
    {
        Write("compose.yaml", "services:\n  a:\n    image: x:1\n");
        string prod = Write("compose.prod.yaml", "services:\n  a:\n    image: [x:2\n");

        var ex = Assert.Throws<ComposeFileException>(() => ComposeImageReader.ReadImages(_dir, new[] { "dev", "prod" }));
        Assert.Equal(prod, ex.FilePath);
        Assert.True(ex.Line >= 3);
    }

    [Theory]
    [InlineData("- a\n- b\n", 1)]
    [InlineData("services:\n  - web\n", 2)]
    [InlineData("services:\n  web: nginx\n", 2)]
    [InlineData("services:\n  web:\n    image:\n      name: nginx\n", 4)]
    [InlineData("services:\n  ? [a, b]\n  : image: x\n", 2)]
    public void WrongShapesAreTypedErrorsWithLines(string yaml, int line)
    {
        Write("compose.yml", yaml);
        var ex = Assert.Throws<ComposeFileException>(() => ComposeImageReader.ReadImages(_dir, new[] { "dev" }));
        Assert.Equal(line, ex.Line);
        Assert.Contains("not a compose file", ex.Message);
    }

    [Theory]
    [InlineData("../prod")]
    [InlineData("a/b")]
    [InlineData("..")]
    public void EnvironmentNamesCannotEscapeTheDirectory(string environment)
    {
        Assert.Throws<ArgumentException>(() => ComposeImageReader.OverrideFileNames(environment));
    }
}

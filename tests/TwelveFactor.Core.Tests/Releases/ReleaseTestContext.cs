using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Releases.Stores;

namespace TwelveFactor.Core.Tests.Releases;

/// <summary>A temp folder holding a build, a local store over it and a service; deleted on dispose.</summary>
internal sealed class ReleaseTestContext : IDisposable
{
    internal const string App = "shop";

    internal ReleaseTestContext(byte[]? key = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "tf-releases-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Build = Path.Combine(Root, "build");
        Directory.CreateDirectory(Build);
        StoreRoot = Path.Combine(Root, "store");
        Store = new LocalReleaseStore(StoreRoot);
        Key = key;
        Service = NewService();
    }

    internal string Root { get; }

    internal string Build { get; }

    internal string StoreRoot { get; }

    internal LocalReleaseStore Store { get; }

    internal byte[]? Key { get; }

    internal ReleaseService Service { get; }

    internal static IReadOnlyList<ConfigSnapshotEntry> SampleConfig => new[]
    {
        new ConfigSnapshotEntry("PORT", "8080", false),
        new ConfigSnapshotEntry("DATABASE_PASSWORD", "hunter2-very-secret", true),
        new ConfigSnapshotEntry("GREETING", "hello world", false),
    };

    internal ReleaseService NewService(byte[]? key = null, int parallelism = 2) =>
        new(Store, new ReleaseServiceOptions { EncryptionKey = key ?? Key, MaxDegreeOfParallelism = parallelism });

    internal string WriteFile(string relative, string content, bool executable = false) =>
        WriteFile(relative, Encoding.UTF8.GetBytes(content), executable);

    internal string WriteFile(string relative, byte[] content, bool executable = false)
    {
        string path = Path.Combine(Build, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, executable
                ? (UnixFileMode)Convert.ToInt32("755", 8)
                : (UnixFileMode)Convert.ToInt32("644", 8));
        }

        return path;
    }

    internal void WriteSampleBuild()
    {
        WriteFile("app.dll", "binary-ish content of the app");
        WriteFile("wwwroot/index.html", "<h1>hello</h1>");
        WriteFile("wwwroot/css/site.css", "body { color: red; }");
        WriteFile("bin/start.sh", "#!/bin/sh\necho start\n", executable: true);
        WriteFile("data/big.bin", Enumerable.Range(0, 3 << 20).Select(i => (byte)(i * 31)).ToArray());
    }

    internal Task<ReleaseRecord> CreateAsync(string? description = null, IReadOnlyList<ConfigSnapshotEntry>? config = null, string? buildPath = null, CancellationToken cancellationToken = default) =>
        Service.CreateAsync(
            new ReleaseRequest { App = App, BuildPath = buildPath ?? Build, Environment = "production", Description = description, Config = config ?? SampleConfig },
            null,
            cancellationToken);

    internal string ManifestPath(string id) => Path.Combine(StoreRoot, "apps", App, "releases", id + ".json");

    internal string BlobPath(string sha) => Path.Combine(StoreRoot, "objects", sha[..2], sha);

    internal long ObjectBytes() =>
        Directory.EnumerateFiles(Path.Combine(StoreRoot, "objects"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    internal int ObjectCount() =>
        Directory.EnumerateFiles(Path.Combine(StoreRoot, "objects"), "*", SearchOption.AllDirectories).Count();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

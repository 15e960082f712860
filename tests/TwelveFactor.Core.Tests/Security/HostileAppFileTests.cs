using System;
using System.IO;
using System.Threading.Tasks;
using TwelveFactor.Core.Config;
using TwelveFactor.Core.Parity;
using TwelveFactor.Core.Processes;
using TwelveFactor.Core.Tests.AdminProcesses;

namespace TwelveFactor.Core.Tests.Security;

/// <summary>
/// A Procfile, a compose file or a config schema in an app's folder (or a release's) may have been put there by
/// anyone who can write it: a fifo is an error at once, never a wait for a writer; a link to a regular file still reads.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostileAppFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tf-hostile-app-").FullName;

    private string At(string name) => Path.Combine(_dir, name);

    private static async Task<Exception> RefusedWithinPatience(Action read) =>
        Assert.IsAssignableFrom<Exception>(await Fifos.WithinPatience(() => Record.Exception(read)));

    [UnixFact]
    public async Task AProcfileThatIsAFifoIsRefused()
    {
        Fifos.Make(At("Procfile"));
        var refused = Assert.IsType<ProcfileException>(await RefusedWithinPatience(() => Procfile.ReadText(At("Procfile"))));
        Assert.Contains("is a fifo, not a regular file", refused.Message, StringComparison.Ordinal);

        File.Delete(At("Procfile"));
        File.WriteAllText(At("Procfile.shared"), "web: ./serve\n");
        File.CreateSymbolicLink(At("Procfile"), At("Procfile.shared"));
        Assert.Equal("web: ./serve\n", Procfile.ReadText(At("Procfile")));
    }

    [UnixFact]
    public async Task AComposeFileThatIsAFifoIsRefused()
    {
        Fifos.Make(At("compose.yaml"));
        var refused = Assert.IsType<ComposeFileException>(await RefusedWithinPatience(() => ComposeImageReader.ReadImages(_dir, new[] { "production" })));
        Assert.Contains("is a fifo, not a regular file", refused.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task ASchemaThatIsAFifoIsRefused()
    {
        Fifos.Make(At("config.schema.yaml"));
        var refused = Assert.IsType<ConfigSchemaException>(await RefusedWithinPatience(() => ConfigSchema.Load(At("config.schema.yaml"))));
        Assert.Contains("is a fifo, not a regular file", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using TwelveFactor.Core.Config;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Tests.AdminProcesses;

namespace TwelveFactor.Core.Tests.Security;

/// <summary>
/// An env file the layout finds (.env, .env.&lt;environment&gt;.local) may have been put there by anyone who can write
/// the app's folder: a fifo is an error, not a wait for a writer that never comes; a file larger than any env file is
/// refused by its length. A file the user names with -Path may still be a pipe (-Path &lt;(...)).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostileEnvFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tf-hostile-env-").FullName;

    private string At(string name) => Path.Combine(_dir, name);

    private static ConfigResolution ResolveLayers(params string[] files) =>
        new ConfigResolver(_ => null).Resolve(files, filesAreExplicit: false, ConfigPrecedence.FilesOnly);

    [UnixFact]
    public async Task ALayerThatIsAFifoIsAFailureNamingIt()
    {
        File.WriteAllText(At(".env"), "PORT=5000\n");
        Fifos.Make(At(".env.production.local"));

        ConfigResolution resolution = await Fifos.WithinPatience(() => ResolveLayers(At(".env"), At(".env.production.local")));

        ConfigFileException failure = Assert.Single(resolution.Failures);
        Assert.Equal(ProblemId.ConfigFileUnreadable, failure.Problem);
        Assert.Contains(".env.production.local' is a fifo, not a regular file", failure.Message, StringComparison.Ordinal);
        Assert.Equal("5000", Assert.Single(resolution.Values).Value);

        // Linted and checked the same way (Test-TfConfig).
        var findings = await Fifos.WithinPatience(() => ConfigChecker.Check(new[] { At(".env"), At(".env.production.local") }, false, "production", null, _ => null).ToList());
        Assert.Contains(findings, f => f.Message.Contains("is a fifo", StringComparison.Ordinal));

        // An edit of it (Set-TfConfig) is refused too.
        var edit = await Assert.ThrowsAsync<ConfigFileException>(() => Fifos.WithinPatience(() => EnvFileEditor.SetValue(At(".env.production.local"), "A", "1", markSecret: false)));
        Assert.Contains("is a fifo", edit.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task AFifoNamedByTheUserIsStillReadAsAPipe()
    {
        Fifos.Make(At("piped.env"));
        Task writer = Task.Run(() => File.WriteAllText(At("piped.env"), "A=1\n"));
        ConfigResolution resolution = await Fifos.WithinPatience(() =>
            new ConfigResolver(_ => null).Resolve(new[] { At("piped.env") }, filesAreExplicit: true, ConfigPrecedence.FilesOnly));
        await writer;
        Assert.Equal("1", Assert.Single(resolution.Values).Value);
    }

    [UnixFact]
    public void ALayerLinkedToARegularFileIsRead()
    {
        Directory.CreateDirectory(At("shared"));
        File.WriteAllText(At("shared/production.env"), "API_URL=https://api.example\n");
        File.CreateSymbolicLink(At(".env.production"), At("shared/production.env"));

        Assert.Equal("https://api.example", Assert.Single(ResolveLayers(At(".env.production")).Values).Value);
    }

    [UnixFact]
    public void AFileLargerThanAnyEnvFileIsRefusedByItsLength()
    {
        // Sparse: its length is past the limit, its blocks are not.
        using (FileStream huge = File.Create(At(".env")))
        {
            huge.SetLength(EnvFileReader.MaxBytes + 1);
        }

        ConfigFileException failure = Assert.Single(ResolveLayers(At(".env")).Failures);
        Assert.Equal(ProblemId.ConfigFileUnreadable, failure.Problem);
        Assert.Contains("env files are read up to", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

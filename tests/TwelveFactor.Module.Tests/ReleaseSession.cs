using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

/// <summary>
/// A PowerShell session for the release cmdlets: its own store inside the work folder ($env:TF_RELEASE_STORE),
/// the app 'shop' ($env:TF_APP), and a build folder with a few files. The variables are process-wide, so they
/// are cleared again on dispose.
/// </summary>
internal sealed class ReleaseSession : IDisposable
{
    public ReleaseSession()
    {
        Ps = new PowerShellSession();
        StorePath = Ps.PathOf("store");
        Environment.SetEnvironmentVariable("TF_RELEASE_STORE", StorePath);
        Environment.SetEnvironmentVariable("TF_APP", "shop");
        Environment.SetEnvironmentVariable("TF_ENVIRONMENT", null);
        Directory.CreateDirectory(Ps.PathOf("build/wwwroot"));
        File.WriteAllText(Ps.PathOf("build/app.dll"), "binary v1");
        File.WriteAllText(Ps.PathOf("build/wwwroot/index.html"), "<h1>shop</h1>");
        File.WriteAllText(Ps.PathOf("build/appsettings.json"), "{ }");
        File.WriteAllText(Ps.PathOf(".env"), "PORT=8080\nLOG_LEVEL=info\n");
        File.WriteAllText(Ps.PathOf(".env.staging"), "API_URL=https://staging.example\nDB_PASSWORD=first-secret-value\n");
    }

    public PowerShellSession Ps { get; }

    public string StorePath { get; }

    public ScriptResult Run(string script, Dictionary<string, object?>? variables = null) => Ps.Run(script, variables);

    public string PathOf(string relative) => Ps.PathOf(relative);

    /// <summary>Every file under the store, relative path to content, to show an operation changed nothing.</summary>
    public Dictionary<string, string> StoreSnapshot() =>
        Directory.Exists(StorePath)
            ? Directory.EnumerateFiles(StorePath, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith("store.lock", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}cache{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .ToDictionary(f => Path.GetRelativePath(StorePath, f), File.ReadAllText)
            : new Dictionary<string, string>();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("TF_RELEASE_STORE", null);
        Environment.SetEnvironmentVariable("TF_APP", null);
        Ps.Dispose();
    }
}

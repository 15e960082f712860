using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Releases;

/// <summary>
/// Runs Azurite's blob service on a free 127.0.0.1 port for the Azure store tests and stops it (by its
/// process id) when they are done. Its data lives in a temp folder that is deleted afterwards.
/// </summary>
public sealed class AzuriteFixture : IDisposable
{
    // Azurite's well-known development account: public, documented, not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly string _location;

    public AzuriteFixture()
    {
        string executable = FindAzurite() ?? throw new InvalidOperationException(
            "Azurite is not installed (npm install -g azurite); with CI=true the Azure store tests must run.");
        _location = Path.Combine(Path.GetTempPath(), "tf-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_location);
        int port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--disableTelemetry", "--location", _location, "--silent", "--skipApiVersionCheck" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitForPort(port);
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey
            + ";BlobEndpoint=http://127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    /// <summary>Why the Azure tests are skipped here, or null when they run.</summary>
    public static string? SkipReason =>
        FindAzurite() is not null || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : "Azurite is not installed (npm install -g azurite); these tests run wherever it is, and always when CI=true.";

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_location, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string? FindAzurite()
    {
        string[] names = OperatingSystem.IsWindows() ? new[] { "azurite-blob.cmd", "azurite.cmd" } : new[] { "azurite-blob", "azurite" };
        return (ModuleSettings.Read(ModuleSettings.PathVariable) ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void WaitForPort(int port)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("Azurite exited with code " + _process.ExitCode + ".");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException("Azurite did not listen on port " + port + " within 30 s.");
    }
}

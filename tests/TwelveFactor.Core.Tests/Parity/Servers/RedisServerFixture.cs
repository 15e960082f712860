using System;
using System.IO;

namespace TwelveFactor.Core.Tests.Parity.Servers;

/// <summary>A throwaway redis-server on 127.0.0.1 and a free port, no persistence, stopped by process id.</summary>
public sealed class RedisServerFixture : IDisposable
{
    private readonly ServerProcess? _server;
    private readonly string _directory;

    // A server that fails to start fails only the tests that need it, with the reason and the server's output.
    private readonly Exception? _startError;

    public RedisServerFixture()
    {
        _directory = Directory.CreateTempSubdirectory("tf-redis-").FullName;
        string? binary = ServerBinaries.RedisServer;
        if (binary is null)
        {
            return;
        }

        Port = ServerProcess.FreePort();
        try
        {
            _server = new ServerProcess(
                binary, "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no",
                "--daemonize", "no", "--dir", _directory);
            _server.WaitForPort(Port);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            _startError = ex;
        }
    }

    public int Port { get; }

    /// <summary>The port, or a failure naming the missing binary (reached only when CI=true).</summary>
    public int RequirePort()
    {
        if (_startError is not null)
        {
            throw new InvalidOperationException("redis-server did not start.", _startError);
        }

        return _server is not null ? Port : throw new InvalidOperationException("redis-server is not installed: apt-get install redis-server");
    }

    public void Dispose()
    {
        _server?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}

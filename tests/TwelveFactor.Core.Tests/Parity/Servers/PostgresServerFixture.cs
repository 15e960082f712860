using System;
using System.IO;

namespace TwelveFactor.Core.Tests.Parity.Servers;

/// <summary>
/// A throwaway PostgreSQL cluster (initdb into a temp directory) listening on 127.0.0.1 and a free port.
/// PostgreSQL refuses to run as root, so as root the fixture runs initdb and postgres through setpriv (which
/// execs, so the process id is postgres's own) as the 'postgres' user, or 'nobody' when there is none.
/// </summary>
public sealed class PostgresServerFixture : IDisposable
{
    private readonly ServerProcess? _server;
    private readonly string _directory;

    // A server that fails to start fails only the tests that need it, with the reason and the server's output.
    private readonly Exception? _startError;

    public PostgresServerFixture()
    {
        _directory = Directory.CreateTempSubdirectory("tf-pg-").FullName;
        string? bin = ServerBinaries.PostgresBinDirectory;
        if (bin is null)
        {
            return;
        }

        try
        {
            string data = Path.Combine(_directory, "data");
            string[] runAs = Array.Empty<string>();
            if (Environment.IsPrivilegedProcess)
            {
                string user = UserExists("postgres") ? "postgres" : "nobody";
                string uid = ServerProcess.Run("id", "-u", user).Trim();
                string gid = ServerProcess.Run("id", "-g", user).Trim();
                ServerProcess.Run("chown", "-R", uid + ":" + gid, _directory);
                runAs = new[] { "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--" };
            }

            Port = ServerProcess.FreePort();
            RunAs(runAs, Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "tf", "--no-sync", "--no-locale", "-E", "UTF8");
            _server = StartAs(runAs, Path.Combine(bin, "postgres"),
                "-D", data, "-k", _directory, "-p", Port.ToString(), "-h", "127.0.0.1", "-c", "fsync=off", "-c", "ssl=off");
            _server.WaitForPort(Port);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            _startError = ex;
        }
    }

    public int Port { get; }

    public int RequirePort()
    {
        if (_startError is not null)
        {
            throw new InvalidOperationException("PostgreSQL did not start.", _startError);
        }

        return _server is not null ? Port : throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql");
    }

    public void Dispose()
    {
        _server?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static void RunAs(string[] runAs, string program, params string[] arguments) =>
        _ = runAs.Length == 0 ? ServerProcess.Run(program, arguments) : ServerProcess.Run("setpriv", [.. runAs, program, .. arguments]);

    private static ServerProcess StartAs(string[] runAs, string program, params string[] arguments) =>
        runAs.Length == 0 ? new ServerProcess(program, arguments) : new ServerProcess("setpriv", [.. runAs, program, .. arguments]);

    private static bool UserExists(string user)
    {
        try
        {
            ServerProcess.Run("id", "-u", user);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

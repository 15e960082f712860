using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.Resources;
using TwelveFactor.Core.Supervision;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// Runs one process type the way a platform would and measures it against the factors only a run can show:
/// VII (it binds the PORT it is given, and how soon), IX (it stops on the graceful signal, and how soon, with which
/// code), XI (it logs to stdout/stderr, not to files) and VI (it leaves no state in its folder).
/// </summary>
public static class DisposabilityProbe
{
    /// <summary>Files looked at in the folder, at most: the probe compares the folder before and after the run.</summary>
    public const int MaxFilesCompared = 200_000;

    private static readonly TimeSpan ConnectPoll = TimeSpan.FromMilliseconds(25);

    /// <summary>Runs the probe: start, wait for the port (at most <paramref name="startTimeout"/>), graceful stop, compare the folder.</summary>
    public static async Task<DisposabilityReport> ProbeAsync(
        ProcessTypeDefinition type,
        IReadOnlyDictionary<string, string> config,
        string workingDirectory,
        TimeSpan startTimeout,
        TimeSpan shutdownGracePeriod,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        Dictionary<string, (long Length, DateTime Modified)> before = Snapshot(workingDirectory);
        int port = FreePort();
        (string fileName, IReadOnlyList<string> arguments) = ShellCommand.For(type.Command);
        var environment = new Dictionary<string, string>(config, StringComparer.Ordinal)
        {
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["PS"] = type.Name + ".1",
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using RunningAdminTask task = new AdminTaskRunner().Start(
            new AdminTaskSpec { FileName = fileName, Arguments = arguments, WorkingDirectory = workingDirectory, Environment = environment, ShutdownGracePeriod = shutdownGracePeriod },
            stop.Token);
        int lines = 0;
        Task drain = Task.Run(async () =>
        {
            await foreach (TaskOutputLine _ in task.Output.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                Interlocked.Increment(ref lines);
            }
        }, CancellationToken.None);

        long started = Stopwatch.GetTimestamp();
        TimeSpan? startup = null;
        while (!task.Completion.IsCompleted && Stopwatch.GetElapsedTime(started) < startTimeout && !cancellationToken.IsCancellationRequested)
        {
            if (await AcceptsAsync(port).ConfigureAwait(false))
            {
                startup = Stopwatch.GetElapsedTime(started);
                break;
            }

            await Task.WhenAny(task.Completion, Task.Delay(ConnectPoll, CancellationToken.None)).ConfigureAwait(false);
        }

        bool exitedEarly = task.Completion.IsCompleted;
        long stopping = Stopwatch.GetTimestamp();
        stop.Cancel();
        AdminTaskOutcome outcome = await task.Completion.ConfigureAwait(false);
        TimeSpan shutdown = Stopwatch.GetElapsedTime(stopping);
        await drain.ConfigureAwait(false);

        Dictionary<string, (long Length, DateTime Modified)> after = Snapshot(workingDirectory);
        var written = after.Where(f => !before.TryGetValue(f.Key, out var old) || old != f.Value).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
        var logFiles = written.Where(IsLogFile).ToList();
        var stateFiles = written.Except(logFiles).ToList();

        var checks = new List<DisposabilityCheck>
        {
            startup is { } up
                ? new("VII Port binding", true, Seconds(up), Format(CoreStrings.DisposabilityBound, port, up.TotalSeconds))
                : new("VII Port binding", false, "-", exitedEarly
                    ? Format(CoreStrings.DisposabilityExitedBeforeBinding, outcome.ExitCode, port)
                    : Format(CoreStrings.DisposabilityNeverBound, port, startTimeout.TotalSeconds)),
            exitedEarly
                ? new("IX Disposability", false, Format(CoreStrings.DisposabilityExitFigure, outcome.ExitCode, 0.0), CoreStrings.DisposabilityExitedOnItsOwn)
                : !outcome.Killed && outcome.ExitCode is 0 or 143
                    ? new("IX Disposability", true, Format(CoreStrings.DisposabilityExitFigure, outcome.ExitCode, shutdown.TotalSeconds), Format(CoreStrings.DisposabilityStopped, shutdown.TotalSeconds, outcome.ExitCode))
                    : new("IX Disposability", false, Format(CoreStrings.DisposabilityExitFigure, outcome.ExitCode, shutdown.TotalSeconds), outcome.Killed
                        ? Format(CoreStrings.DisposabilityKilled, shutdownGracePeriod.TotalSeconds)
                        : Format(CoreStrings.DisposabilityBadExitCode, outcome.ExitCode)),
            lines > 0 && logFiles.Count == 0
                ? new("XI Logs", true, Format(CoreStrings.DisposabilityLinesFigure, lines), CoreStrings.DisposabilityLogsToStreams)
                : new("XI Logs", false, Format(CoreStrings.DisposabilityLinesFigure, lines), logFiles.Count > 0
                    ? Format(CoreStrings.DisposabilityLogFiles, string.Join(", ", logFiles.Take(5)))
                    : CoreStrings.DisposabilityNoLines),
            stateFiles.Count == 0
                ? new("VI Processes", true, "0 files", CoreStrings.DisposabilityStateless)
                : new("VI Processes", false, Format(CoreStrings.DisposabilityFilesFigure, stateFiles.Count), Format(CoreStrings.DisposabilityStateFiles, string.Join(", ", stateFiles.Take(5)))),
        };
        return new DisposabilityReport(type.Name, port, startup, shutdown, outcome.ExitCode, outcome.Killed, lines, written, checks);
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.CurrentCulture, format, args);

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.CurrentCulture) + " s";

    private static bool IsLogFile(string relative) =>
        relative.EndsWith(".log", StringComparison.OrdinalIgnoreCase)
        || relative.Split('/', '\\').SkipLast(1).Any(part => part.Equals("log", StringComparison.OrdinalIgnoreCase) || part.Equals("logs", StringComparison.OrdinalIgnoreCase));

    // A port nobody listens on now; the app gets it in PORT at once.
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        foreach (IPAddress address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(250));
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                // Not listening (yet) on this address.
            }
        }

        return false;
    }

    // Every file under the folder with its size and time; links are not followed.
    private static Dictionary<string, (long, DateTime)> Snapshot(string folder)
    {
        var files = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (string file in Directory.EnumerateFiles(folder, "*", options))
        {
            if (files.Count >= MaxFilesCompared)
            {
                break;
            }

            var info = new FileInfo(file);
            files[Path.GetRelativePath(folder, file)] = (info.Length, info.LastWriteTimeUtc);
        }

        return files;
    }
}

using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace TwelveFactor.TestApp;

/// <summary>
/// Behaves as the first argument says, the way real apps misbehave:
/// <c>chatty N [sleep]</c> (N lines of 100 bytes, fast); <c>exit N</c>; <c>exit-after SECONDS N</c>; <c>lines N</c> (N numbered lines to stdout, fast); <c>stderr TEXT</c>; <c>env NAME</c>;
/// <c>trap-term N</c> (print "ready", on SIGTERM print "got TERM" and exit N); <c>ignore-term</c> (print "ready",
/// ignore SIGTERM, run until killed); <c>child</c> (start a copy that sleeps, print its pid, wait);
/// <c>orphan</c> (start a sleeping copy, print its pid, exit at once); <c>daemon FILE</c> (start a copy in
/// new-session mode, then serve); <c>new-session FILE</c> (leave the process
/// group with setsid, write the pid to FILE, sleep); <c>serve</c> (listen on $PORT until SIGTERM, then exit 0),
/// <c>serve-log-file</c>, <c>serve-state-file</c> (the same, writing app.log or state.db in the working folder),
/// <c>serve-mark FILE</c> (serve; write FILE after the graceful stop), <c>serve-ignore-term</c>, <c>never-bind</c>, <c>crash-once FILE</c> (exit 3 the first time, serve after),
/// <c>structured</c> (a JSON, a logfmt and a plain line on stdout, a JSON error on stderr); <c>sleep SECONDS</c>.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "help";
        string argument = args.Length > 1 ? args[1] : string.Empty;
        switch (mode)
        {
            case "exit":
                return int.Parse(argument, CultureInfo.InvariantCulture);
            case "exit-after":
                Thread.Sleep(TimeSpan.FromSeconds(double.Parse(argument, CultureInfo.InvariantCulture)));
                return int.Parse(args[2], CultureInfo.InvariantCulture);
            case "lines":
                using (var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false })
                {
                    int count = int.Parse(argument, CultureInfo.InvariantCulture);
                    for (int i = 1; i <= count; i++)
                    {
                        stdout.Write("line ");
                        stdout.WriteLine(i.ToString(CultureInfo.InvariantCulture));
                    }
                }

                return 0;
            case "chatty":
                // N lines of 100 bytes as fast as it can (a chatty app), then exit 0, or with "sleep" wait for SIGTERM.
                using (var stdout = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 65536) { AutoFlush = false })
                {
                    long count = long.Parse(argument, CultureInfo.InvariantCulture);
                    string padding = new string('x', 80);
                    for (long i = 1; i <= count; i++)
                    {
                        stdout.Write("chatty ");
                        stdout.Write(i.ToString("D10", CultureInfo.InvariantCulture));
                        stdout.Write(' ');
                        stdout.WriteLine(padding);
                    }
                }

                if (args.Length > 2 && args[2] == "sleep")
                {
                    return TrapTerm(0, quiet: true);
                }

                return 0;
            case "stderr":
                Console.Error.WriteLine(argument);
                return 0;
            case "env":
                Console.WriteLine(Environment.GetEnvironmentVariable(argument) ?? "<unset>");
                return 0;
            case "trap-term":
                return TrapTerm(int.Parse(argument, CultureInfo.InvariantCulture), quiet: false);
            case "ignore-term":
                using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = true))
                {
                    Ready();
                    Thread.Sleep(Timeout.Infinite);
                }

                return 0;
            case "child":
                using (Process child = StartCopy("sleep", "300"))
                {
                    Console.WriteLine(child.Id.ToString(CultureInfo.InvariantCulture));
                    child.WaitForExit();
                }

                return 0;
            case "orphan":
                Console.WriteLine(StartCopy("sleep", "300").Id.ToString(CultureInfo.InvariantCulture));
                return 0;
            case "daemon":
                // Starts a copy that leaves the process group with setsid (as a daemon does), then serves.
                using (StartCopy("new-session", argument))
                {
                    // Serve (and say so) only once the daemon is up, so "listening" means both run.
                    for (int wait = 0; wait < 500 && !File.Exists(argument); wait++)
                    {
                        Thread.Sleep(20);
                    }

                    return Serve(writeFile: null, ignoreTerm: false);
                }

            case "new-session":
                if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
                {
                    _ = setsid();
                }

                File.WriteAllText(argument, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                Thread.Sleep(TimeSpan.FromSeconds(300));
                return 0;
            case "serve":
                return Serve(writeFile: null, ignoreTerm: false);
            case "serve-log-file":
                return Serve(writeFile: "app.log", ignoreTerm: false);
            case "serve-state-file":
                return Serve(writeFile: "state.db", ignoreTerm: false);
            case "serve-mark":
                // Serves, and on the graceful stop leaves FILE behind: proof that SIGTERM (not a kill) ended it.
                int code = Serve(writeFile: null, ignoreTerm: false);
                File.WriteAllText(argument, "stopped gracefully");
                return code;
            case "serve-ignore-term":
                return Serve(writeFile: null, ignoreTerm: true);
            case "never-bind":
                Console.WriteLine("starting, but never binding PORT");
                Thread.Sleep(TimeSpan.FromSeconds(300));
                return 0;
            case "crash-once":
                // Crashes the first time (leaving FILE behind), serves from then on: a process that comes back.
                if (!File.Exists(argument))
                {
                    File.WriteAllText(argument, "crashed");
                    Console.Error.WriteLine("crashing on purpose");
                    return 3;
                }

                return Serve(writeFile: null, ignoreTerm: false);
            case "structured":
                Console.WriteLine("{\"level\":\"INFO\",\"msg\":\"started\",\"port\":5000}");
                Console.WriteLine("level=warn msg=\"disk almost full\" free=3%");
                Console.WriteLine("plain text line");
                Console.Error.WriteLine("{\"level\":\"error\",\"msg\":\"payment failed\"}");
                return 0;
            case "sleep":
                Thread.Sleep(TimeSpan.FromSeconds(double.Parse(argument, CultureInfo.InvariantCulture)));
                return 0;
            default:
                Console.Error.WriteLine("usage: TwelveFactor.TestApp chatty N [sleep] | exit N | exit-after SECONDS N | lines N | stderr TEXT | env NAME | trap-term N | ignore-term | child | orphan | daemon FILE | new-session FILE | serve | serve-log-file | serve-state-file | serve-mark FILE | serve-ignore-term | never-bind | crash-once FILE | structured | sleep SECONDS");
                return 64;
        }
    }

    // Listens on $PORT, says so, accepts and closes connections; SIGTERM closes the listener and exits 0 (unless ignored).
    private static int Serve(string? writeFile, bool ignoreTerm)
    {
        // The handler is in place before the app says it is listening, so a stop right after that is handled.
        using var stop = new ManualResetEventSlim();
        // SIGTERM (a supervisor's stop) and SIGINT (a terminal's Ctrl+C) both mean a graceful stop, as in real servers.
        void OnStop(PosixSignalContext context)
        {
            context.Cancel = true;
            if (!ignoreTerm)
            {
                stop.Set();
            }
        }

        using var registration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStop);
        int port = int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "5000", CultureInfo.InvariantCulture);
        if (writeFile is not null)
        {
            File.AppendAllText(writeFile, "started\n");
        }

        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        listener.Start();
        Console.WriteLine($"{Environment.GetEnvironmentVariable("PS")} listening on {port}");
        Console.Out.Flush();
        var accepting = new Thread(() =>
        {
            try
            {
                while (true)
                {
                    listener.AcceptTcpClient().Dispose();
                }
            }
            catch (System.Net.Sockets.SocketException)
            {
                // The listener was stopped.
            }
        }) { IsBackground = true };
        accepting.Start();
        stop.Wait();
        listener.Stop();
        Console.WriteLine("stopping");
        return 0;
    }

    private static int TrapTerm(int exitCode, bool quiet)
    {
        using var stop = new ManualResetEventSlim();
        using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Set();
        }))
        {
            if (!quiet)
            {
                Ready();
            }

            stop.Wait();
        }

        if (!quiet)
        {
            Console.WriteLine("got TERM");
        }

        return exitCode;
    }

    private static void Ready()
    {
        Console.WriteLine("ready");
        Console.Out.Flush();
    }

    // Another copy of this program (through its apphost, or dotnet and the dll when there is none).
    private static Process StartCopy(params string[] arguments)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("the copy did not start");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setsid();
}

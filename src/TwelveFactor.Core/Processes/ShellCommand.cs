using System;
using System.Collections.Generic;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// How a Procfile command line is run: by the platform's shell, as foreman and honcho do, so <c>$PORT</c>, pipes and
/// <c>&amp;&amp;</c> work. A simple command is run with <c>exec</c> on POSIX, so the app itself is the process and its
/// exit code is the one reported; the graceful stop goes to the whole process group either way.
/// </summary>
public static class ShellCommand
{
    /// <summary>The program and arguments that run <paramref name="commandLine"/>.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) For(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        return OperatingSystem.IsWindows()
            ? ("cmd.exe", new[] { "/d", "/s", "/c", commandLine })
            : ("/bin/sh", new[] { "-c", IsSimple(commandLine) ? "exec " + commandLine : commandLine });
    }

    // No control operators, so exec cannot cut off the rest of the line.
    private static bool IsSimple(string commandLine) => commandLine.IndexOfAny(new[] { ';', '&', '|', '\n', '(', ')', '`' }) < 0;
}

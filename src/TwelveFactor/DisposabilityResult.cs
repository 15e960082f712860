using System;

namespace TwelveFactor;

/// <summary>Test-TfDisposability's result: one run of one process type, measured against factors VI, VII, IX and XI.</summary>
public sealed class DisposabilityResult
{
    internal DisposabilityResult(string type, int port, bool passed, TimeSpan? startup, TimeSpan shutdown, int exitCode, bool killed, int linesWritten, string[] filesWritten, DisposabilityCheck[] checks)
    {
        Type = type;
        Port = port;
        Passed = passed;
        Startup = startup;
        Shutdown = shutdown;
        ExitCode = exitCode;
        Killed = killed;
        LinesWritten = linesWritten;
        FilesWritten = filesWritten;
        Checks = checks;
    }

    /// <summary>The process type.</summary>
    public string Type { get; }

    /// <summary>The PORT it was given (a free one).</summary>
    public int Port { get; }

    /// <summary>Every check passed.</summary>
    public bool Passed { get; }

    /// <summary>From start until it accepted a connection on PORT; null when it never did.</summary>
    public TimeSpan? Startup { get; }

    /// <summary>From SIGTERM until it and everything it started were gone.</summary>
    public TimeSpan Shutdown { get; }

    /// <summary>Its exit code.</summary>
    public int ExitCode { get; }

    /// <summary>It was killed after the grace period.</summary>
    public bool Killed { get; }

    /// <summary>Lines it wrote to stdout and stderr.</summary>
    public int LinesWritten { get; }

    /// <summary>Files it created or changed in its folder.</summary>
    public string[] FilesWritten { get; }

    /// <summary>The checks, one per factor.</summary>
    public DisposabilityCheck[] Checks { get; }
}

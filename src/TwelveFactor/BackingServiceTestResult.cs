using System;

namespace TwelveFactor;

/// <summary>Whether a backing service answered: each step (DNS, TCP, TLS, ...) with its outcome and time.</summary>
public sealed class BackingServiceTestResult
{
    internal BackingServiceTestResult(
        string name, string kind, string? environment, string? host, int? port, string status, string? failedStep, string? error,
        TimeSpan duration, string[] steps, DateTimeOffset? certificateNotAfter, int? certificateDaysToExpiry, string[] warnings)
    {
        Name = name;
        Kind = kind;
        Environment = environment;
        Host = host;
        Port = port;
        Status = status;
        FailedStep = failedStep;
        Error = error;
        Duration = duration;
        Steps = steps;
        CertificateNotAfter = certificateNotAfter;
        CertificateDaysToExpiry = certificateDaysToExpiry;
        Warnings = warnings;
    }

    public string Name { get; }

    public string Kind { get; }

    public string? Environment { get; }

    public string? Host { get; }

    public int? Port { get; }

    /// <summary>Succeeded, Failed or Skipped.</summary>
    public string Status { get; }

    public bool Succeeded => Status == "Succeeded";

    /// <summary>The step that failed: Dns, Tcp, Tls, ...</summary>
    public string? FailedStep { get; }

    public string? Error { get; }

    public TimeSpan Duration { get; }

    /// <summary>Each step as "Step Status duration: message".</summary>
    public string[] Steps { get; }

    public DateTimeOffset? CertificateNotAfter { get; }

    public int? CertificateDaysToExpiry { get; }

    public string[] Warnings { get; }
}

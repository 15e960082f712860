using System;
using System.Collections.Generic;
using System.Linq;

namespace TwelveFactor.Core.BackingServices;

/// <summary>What probing one backing service found: each step with its duration, and the certificate if TLS ran.</summary>
public sealed class BackingServiceProbeResult
{
    internal BackingServiceProbeResult(
        BackingServiceLocator locator,
        BackingServiceEndpoint? endpoint,
        BackingServiceProbeStatus status,
        IReadOnlyList<BackingServiceProbeStep> steps,
        TimeSpan duration,
        IReadOnlyList<string> addresses,
        string? connectedAddress,
        ServerCertificateInfo? certificate,
        IReadOnlyList<string> warnings)
    {
        Name = locator.Name;
        Kind = locator.Kind;
        Host = endpoint?.Host;
        Port = endpoint?.Port;
        MaskedUrl = locator.MaskedUrl;
        Status = status;
        Steps = steps;
        Duration = duration;
        Addresses = addresses;
        ConnectedAddress = connectedAddress;
        CertificateSubject = certificate?.Subject;
        CertificateNotAfter = certificate?.NotAfter;
        CertificateDaysToExpiry = certificate?.DaysToExpiry;
        Warnings = warnings;
    }

    /// <summary>The config key of the locator.</summary>
    public string Name { get; }

    /// <summary>The kind of service.</summary>
    public BackingServiceKind Kind { get; }

    /// <summary>The host probed.</summary>
    public string? Host { get; }

    /// <summary>The port probed.</summary>
    public int? Port { get; }

    /// <summary>The locator with its password masked.</summary>
    public string MaskedUrl { get; }

    /// <summary>Succeeded when every step that ran succeeded; Skipped when the probe could not check this locator.</summary>
    public BackingServiceProbeStatus Status { get; }

    /// <summary>True when <see cref="Status"/> is Succeeded.</summary>
    public bool Succeeded => Status == BackingServiceProbeStatus.Succeeded;

    /// <summary>The steps in the order they ran, then the ones skipped after a failure.</summary>
    public IReadOnlyList<BackingServiceProbeStep> Steps { get; }

    /// <summary>The step that failed, or null.</summary>
    public BackingServiceProbeStepKind? FailedStep =>
        Steps.FirstOrDefault(s => s.Status == BackingServiceProbeStatus.Failed)?.Step;

    /// <summary>Why it failed (or why it was skipped), or null when it succeeded.</summary>
    public string? Error => Status == BackingServiceProbeStatus.Succeeded
        ? null
        : Steps.FirstOrDefault(s => s.Status == BackingServiceProbeStatus.Failed)?.Message ?? Steps.FirstOrDefault()?.Message;

    /// <summary>The whole probe's duration.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The addresses the host resolved to.</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>The address the TCP connection was made to.</summary>
    public string? ConnectedAddress { get; }

    /// <summary>The server certificate's subject, when a TLS handshake got that far.</summary>
    public string? CertificateSubject { get; }

    /// <summary>When the server certificate expires (UTC).</summary>
    public DateTimeOffset? CertificateNotAfter { get; }

    /// <summary>Whole days until the certificate expires; negative once it has.</summary>
    public int? CertificateDaysToExpiry { get; }

    /// <summary>Things that work today but need attention (a certificate close to expiry, an untrusted one allowed).</summary>
    public IReadOnlyList<string> Warnings { get; }
}

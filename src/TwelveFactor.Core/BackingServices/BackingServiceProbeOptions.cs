using System;

namespace TwelveFactor.Core.BackingServices;

/// <summary>Settings of <see cref="BackingServiceProbe"/>.</summary>
public sealed class BackingServiceProbeOptions
{
    /// <summary>The most the whole probe (all steps) may take. Ten seconds unless set.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A certificate that expires in fewer days than this gives a warning. Thirty unless set.</summary>
    public int CertificateExpiryWarningDays { get; init; } = 30;

    /// <summary>
    /// When true, a certificate that is untrusted or issued for another name does not fail the TLS step (it is
    /// still reported in the step's message). For self-signed development servers.
    /// </summary>
    public bool AllowUntrustedCertificate { get; init; }

    /// <summary>Where relative SQLite paths are resolved; the cmdlet passes its current location.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>The clock used for certificate expiry; the system clock unless set.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

namespace TwelveFactor.Core.BackingServices;

/// <summary>The steps of a probe, in the order they run.</summary>
public enum BackingServiceProbeStepKind
{
    /// <summary>Resolving the host name to addresses.</summary>
    Resolve,

    /// <summary>Opening a TCP connection to one of the addresses.</summary>
    Connect,

    /// <summary>The TLS handshake and the server certificate's checks.</summary>
    TlsHandshake,

    /// <summary>For SQLite: the database file exists.</summary>
    File,
}

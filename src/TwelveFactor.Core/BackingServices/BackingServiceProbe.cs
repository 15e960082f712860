using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.BackingServices;

/// <summary>
/// Checks that a backing service answers: resolves its host, opens a TCP connection, and where the locator
/// demands TLS, completes a handshake and reads the certificate's expiry. It sends no credentials and speaks
/// no more of the service's protocol than TLS needs (PostgreSQL's SSLRequest), so it works without a password.
/// </summary>
public sealed class BackingServiceProbe
{
    // PostgreSQL's SSLRequest code: the client asks for TLS before the startup message.
    private const int PostgresSslRequestCode = 80877103;

    private readonly BackingServiceProbeOptions _options;

    /// <summary>A probe with the given settings, or the defaults.</summary>
    public BackingServiceProbe(BackingServiceProbeOptions? options = null)
    {
        _options = options ?? new BackingServiceProbeOptions();
        if (_options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), ParityStrings.ProbeTimeoutNotPositive);
        }
    }

    /// <summary>
    /// Probes the locator's first host within the configured timeout. A timeout fails the step it hit; only
    /// <paramref name="cancellationToken"/> (Ctrl+C) ends the probe with <see cref="OperationCanceledException"/>.
    /// </summary>
    public Task<BackingServiceProbeResult> ProbeAsync(BackingServiceLocator locator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locator);
        return ProbeAsync(locator, locator.Endpoints.Count > 0 ? locator.Endpoints[0] : null, cancellationToken);
    }

    /// <summary>
    /// Probes one of the locator's hosts (<see cref="BackingServiceLocator.Endpoints"/>: every member of a
    /// replica set or multi-host URL can be checked in turn), with the locator's kind and TLS setting.
    /// </summary>
    public async Task<BackingServiceProbeResult> ProbeAsync(
        BackingServiceLocator locator, BackingServiceEndpoint? endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locator);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var run = new ProbeRun(locator, endpoint, _options, timeout.Token, cancellationToken);
        return await run.ExecuteAsync().ConfigureAwait(false);
    }

    private sealed class ProbeRun
    {
        private readonly BackingServiceLocator _locator;
        private readonly BackingServiceEndpoint? _endpoint;
        private readonly BackingServiceProbeOptions _options;
        private readonly CancellationToken _token;
        private readonly CancellationToken _userToken;
        private readonly List<BackingServiceProbeStep> _steps = new();
        private readonly List<string> _warnings = new();
        private readonly Stopwatch _total = Stopwatch.StartNew();
        private IReadOnlyList<string> _addresses = Array.Empty<string>();
        private string? _connectedAddress;
        private ServerCertificateInfo? _certificate;

        public ProbeRun(
            BackingServiceLocator locator,
            BackingServiceEndpoint? endpoint,
            BackingServiceProbeOptions options,
            CancellationToken token,
            CancellationToken userToken)
        {
            _locator = locator;
            _endpoint = endpoint;
            _options = options;
            _token = token;
            _userToken = userToken;
        }

        public async Task<BackingServiceProbeResult> ExecuteAsync()
        {
            BackingServiceProbeStatus status = await RunStepsAsync().ConfigureAwait(false);
            return new BackingServiceProbeResult(
                _locator, _endpoint, status, _steps, _total.Elapsed, _addresses, _connectedAddress, _certificate, _warnings);
        }

        private async Task<BackingServiceProbeStatus> RunStepsAsync()
        {
            if (_locator.Kind == BackingServiceKind.Sqlite)
            {
                return CheckFile();
            }

            string? notChecked = NotCheckedReason();
            if (notChecked is not null)
            {
                _steps.Add(new BackingServiceProbeStep(BackingServiceProbeStepKind.Resolve, BackingServiceProbeStatus.Skipped, TimeSpan.Zero, notChecked));
                return BackingServiceProbeStatus.Skipped;
            }

            string host = _endpoint!.Host;
            int port = _endpoint.Port!.Value;
            IPAddress[]? addresses = await TimedAsync(
                BackingServiceProbeStepKind.Resolve,
                () => ResolveAsync(host),
                _ => Format(ParityStrings.ProbeResolved, host, string.Join(", ", _addresses))).ConfigureAwait(false);
            if (addresses is null)
            {
                return Fail(BackingServiceProbeStepKind.Connect, BackingServiceProbeStepKind.TlsHandshake);
            }

            Socket? socket = await TimedAsync(
                BackingServiceProbeStepKind.Connect,
                () => ConnectAsync(addresses, port),
                _ => Format(ParityStrings.ProbeConnected, _connectedAddress ?? string.Empty)).ConfigureAwait(false);
            if (socket is null)
            {
                return Fail(BackingServiceProbeStepKind.TlsHandshake);
            }

            using (socket)
            {
                TlsNegotiation negotiation = Negotiation();
                if (negotiation == TlsNegotiation.None)
                {
                    return BackingServiceProbeStatus.Succeeded;
                }

                if (negotiation == TlsNegotiation.InsideProtocol)
                {
                    _steps.Add(new BackingServiceProbeStep(
                        BackingServiceProbeStepKind.TlsHandshake, BackingServiceProbeStatus.Skipped, TimeSpan.Zero,
                        Format(ParityStrings.ProbeTlsInsideProtocol, _locator.Kind)));
                    return BackingServiceProbeStatus.Succeeded;
                }

                string? handshake = await TimedAsync(
                    BackingServiceProbeStepKind.TlsHandshake,
                    () => HandshakeAsync(socket, host, negotiation == TlsNegotiation.PostgresSslRequest),
                    message => message).ConfigureAwait(false);
                return handshake is null ? BackingServiceProbeStatus.Failed : BackingServiceProbeStatus.Succeeded;
            }
        }

        private string? NotCheckedReason()
        {
            if (_locator.Scheme == "mongodb+srv")
            {
                return ParityStrings.ProbeSrvNotSupported;
            }

            if (_endpoint is null)
            {
                return ParityStrings.ProbeNoHost;
            }

            return _endpoint.Port is null ? ParityStrings.ProbeNoPort : null;
        }

        private TlsNegotiation Negotiation()
        {
            if (!_locator.Tls)
            {
                return TlsNegotiation.None;
            }

            return _locator.Kind switch
            {
                BackingServiceKind.Postgres => TlsNegotiation.PostgresSslRequest,
                BackingServiceKind.MySql or BackingServiceKind.SqlServer => TlsNegotiation.InsideProtocol,
                _ => TlsNegotiation.Direct,
            };
        }

        private BackingServiceProbeStatus CheckFile()
        {
            var watch = Stopwatch.StartNew();
            string path = _locator.Database ?? ":memory:";
            if (path == ":memory:")
            {
                _steps.Add(new BackingServiceProbeStep(BackingServiceProbeStepKind.File, BackingServiceProbeStatus.Skipped, watch.Elapsed, ParityStrings.ProbeSqliteInMemory));
                return BackingServiceProbeStatus.Skipped;
            }

            string full = Path.GetFullPath(path, _options.BaseDirectory ?? Environment.CurrentDirectory);
            bool exists = File.Exists(full);
            _steps.Add(new BackingServiceProbeStep(
                BackingServiceProbeStepKind.File,
                exists ? BackingServiceProbeStatus.Succeeded : BackingServiceProbeStatus.Failed,
                watch.Elapsed,
                Format(exists ? ParityStrings.ProbeSqliteFound : ParityStrings.ProbeSqliteMissing, full)));
            return exists ? BackingServiceProbeStatus.Succeeded : BackingServiceProbeStatus.Failed;
        }

        private async Task<IPAddress[]> ResolveAsync(string host)
        {
            if (IPAddress.TryParse(host, out IPAddress? literal))
            {
                _addresses = new[] { literal.ToString() };
                return new[] { literal };
            }

            IPAddress[] addresses = await Dns.GetHostAddressesAsync(host, _token).WaitAsync(_token).ConfigureAwait(false);
            if (addresses.Length == 0)
            {
                throw new ProbeStepException(Format(ParityStrings.ProbeNoAddresses, host));
            }

            _addresses = addresses.Select(a => a.ToString()).ToArray();
            return addresses;
        }

        private async Task<Socket> ConnectAsync(IPAddress[] addresses, int port)
        {
            // Try each address in turn, as clients do: "localhost" gives ::1 first, servers often listen on 127.0.0.1.
            var failures = new List<string>();
            foreach (IPAddress address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, port), _token).ConfigureAwait(false);
                    _connectedAddress = new IPEndPoint(address, port).ToString();
                    return socket;
                }
                catch (SocketException ex)
                {
                    socket.Dispose();
                    failures.Add(new IPEndPoint(address, port) + ": " + ex.SocketErrorCode);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }

            throw new ProbeStepException(Format(ParityStrings.ProbeConnectFailed, string.Join(", ", failures)));
        }

        private async Task<string> HandshakeAsync(Socket socket, string host, bool postgresSslRequest)
        {
            var network = new NetworkStream(socket, ownsSocket: false);
            if (postgresSslRequest)
            {
                byte[] request = new byte[8];
                BinaryPrimitives.WriteInt32BigEndian(request, 8);
                BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(4), PostgresSslRequestCode);
                await network.WriteAsync(request, _token).ConfigureAwait(false);
                byte[] answer = new byte[1];
                int read = await network.ReadAsync(answer, _token).ConfigureAwait(false);
                if (read != 1 || answer[0] != (byte)'S')
                {
                    throw new ProbeStepException(read == 1 && answer[0] == (byte)'N'
                        ? ParityStrings.ProbePostgresRefusedTls
                        : ParityStrings.ProbePostgresUnexpectedAnswer);
                }
            }

            SslPolicyErrors policyErrors = SslPolicyErrors.None;
            X509Certificate2? certificate = null;
            await using var ssl = new SslStream(network, leaveInnerStreamOpen: false);
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = host,
                // Accept here and judge after the handshake, so that an untrusted certificate's expiry is still reported.
                RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                {
                    policyErrors = errors;
                    certificate = cert is null ? null : new X509Certificate2(cert);
                    return true;
                },
            };
            try
            {
                await ssl.AuthenticateAsClientAsync(options, _token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
            {
                throw new ProbeStepException(Format(ParityStrings.ProbeHandshakeFailed, ex.Message), ex);
            }

            using (certificate)
            {
                if (certificate is null)
                {
                    throw new ProbeStepException(ParityStrings.ProbeNoCertificate);
                }

                DateTimeOffset now = _options.TimeProvider.GetUtcNow();
                DateTimeOffset notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
                int days = (int)Math.Floor((notAfter - now).TotalDays);
                _certificate = new ServerCertificateInfo(certificate.Subject, notAfter, days);
                string expiry = notAfter.ToString("u", CultureInfo.InvariantCulture);
                if (notAfter <= now)
                {
                    throw new ProbeStepException(Format(ParityStrings.ProbeCertificateExpired, expiry));
                }

                if (policyErrors != SslPolicyErrors.None)
                {
                    string untrusted = Format(ParityStrings.ProbeCertificateUntrusted, policyErrors);
                    if (!_options.AllowUntrustedCertificate)
                    {
                        throw new ProbeStepException(untrusted);
                    }

                    _warnings.Add(untrusted);
                }

                if (days < _options.CertificateExpiryWarningDays)
                {
                    _warnings.Add(Format(ParityStrings.ProbeCertificateExpiresSoon, expiry, days));
                }

                return Format(ParityStrings.ProbeHandshakeSucceeded, ssl.SslProtocol, expiry, days);
            }
        }

        // Runs one step, records it with its duration, and turns its failure into a Failed step (null result).
        private async Task<T?> TimedAsync<T>(BackingServiceProbeStepKind step, Func<Task<T>> action, Func<T, string> describe)
            where T : class
        {
            var watch = Stopwatch.StartNew();
            string message;
            try
            {
                T result = await action().ConfigureAwait(false);
                _steps.Add(new BackingServiceProbeStep(step, BackingServiceProbeStatus.Succeeded, watch.Elapsed, describe(result)));
                return result;
            }
            catch (OperationCanceledException) when (_userToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                message = step == BackingServiceProbeStepKind.Resolve
                    ? Format(ParityStrings.ProbeResolveTimedOut, _endpoint!.Host, _options.Timeout.TotalSeconds)
                    : Format(ParityStrings.ProbeTimedOut, _options.Timeout.TotalSeconds);
            }
            catch (ProbeStepException ex)
            {
                message = ex.Message;
            }
            catch (SocketException ex)
            {
                message = step == BackingServiceProbeStepKind.Resolve
                    ? Format(ParityStrings.ProbeResolveFailed, _endpoint!.Host, ex.SocketErrorCode)
                    : ex.SocketErrorCode.ToString();
            }
            catch (IOException ex)
            {
                message = ex.Message;
            }

            _steps.Add(new BackingServiceProbeStep(step, BackingServiceProbeStatus.Failed, watch.Elapsed, message));
            return null;
        }

        private BackingServiceProbeStatus Fail(params BackingServiceProbeStepKind[] skipped)
        {
            foreach (BackingServiceProbeStepKind step in skipped)
            {
                if (step != BackingServiceProbeStepKind.TlsHandshake || Negotiation() != TlsNegotiation.None)
                {
                    _steps.Add(new BackingServiceProbeStep(step, BackingServiceProbeStatus.Skipped, TimeSpan.Zero, ParityStrings.ProbeSkippedAfterFailure));
                }
            }

            return BackingServiceProbeStatus.Failed;
        }

        private static string Format(string format, params object[] args) => string.Format(CultureInfo.CurrentCulture, format, args);
    }

    private enum TlsNegotiation
    {
        None,
        Direct,
        PostgresSslRequest,
        InsideProtocol,
    }

    private sealed class ProbeStepException : Exception
    {
        public ProbeStepException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }
    }
}

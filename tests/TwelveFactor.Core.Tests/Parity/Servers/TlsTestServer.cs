using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace TwelveFactor.Core.Tests.Parity.Servers;

/// <summary>
/// A TLS server on 127.0.0.1 with a self-signed certificate for localhost made in the test, valid for the given
/// window. With <c>postgresSslRequest</c> it first reads PostgreSQL's 8-byte SSLRequest and answers 'S'; with
/// <c>handshake: false</c> it accepts TCP and then says nothing (for timeouts).
/// </summary>
public sealed class TlsTestServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2 _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly bool _postgresSslRequest;
    private readonly bool _handshake;

    public TlsTestServer(DateTimeOffset notBefore, DateTimeOffset notAfter, bool postgresSslRequest = false, bool handshake = true)
    {
        _certificate = CreateSelfSigned(notBefore, notAfter);
        _postgresSslRequest = postgresSslRequest;
        _handshake = handshake;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public DateTimeOffset NotAfter => new(_certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener; how it ended does not matter here.
        }

        _certificate.Dispose();
        _stop.Dispose();
    }

    private static X509Certificate2 CreateSelfSigned(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream network = client.GetStream();
                if (!_handshake)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                if (_postgresSslRequest)
                {
                    byte[] request = new byte[8];
                    await network.ReadExactlyAsync(request, _stop.Token);
                    await network.WriteAsync(new[] { (byte)'S' }, _stop.Token);
                }

                using var ssl = new SslStream(network, leaveInnerStreamOpen: false);
                await ssl.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                byte[] buffer = new byte[256];
                while (await ssl.ReadAsync(buffer, _stop.Token) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.IO.IOException
                or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
            {
                // The probe hangs up after the handshake; that is the expected end.
            }
        }
    }
}

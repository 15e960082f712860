using System.Collections.Generic;

namespace TwelveFactor.Core.BackingServices;

/// <summary>
/// A config value that locates a backing service, taken apart. It carries no password: <see cref="MaskedUrl"/>
/// is the value with every password masked.
/// </summary>
public sealed class BackingServiceLocator
{
    internal BackingServiceLocator(
        string name,
        BackingServiceKind kind,
        string scheme,
        IReadOnlyList<BackingServiceEndpoint> endpoints,
        string? database,
        string? user,
        bool tls,
        string maskedUrl,
        bool isConnectionString)
    {
        Name = name;
        Kind = kind;
        Scheme = scheme;
        Endpoints = endpoints;
        Database = database;
        User = user;
        Tls = tls;
        MaskedUrl = maskedUrl;
        IsConnectionString = isConnectionString;
    }

    /// <summary>The config key that holds the locator.</summary>
    public string Name { get; }

    /// <summary>The kind of service.</summary>
    public BackingServiceKind Kind { get; }

    /// <summary>The URL scheme in lower case (<c>rediss</c>, <c>mongodb+srv</c>), or <c>connectionstring</c>.</summary>
    public string Scheme { get; }

    /// <summary>Every host the locator names, in order; empty for SQLite.</summary>
    public IReadOnlyList<BackingServiceEndpoint> Endpoints { get; }

    /// <summary>The first host, or null (SQLite, a Unix-socket URL such as <c>postgres:///db</c>).</summary>
    public string? Host => Endpoints.Count > 0 ? Endpoints[0].Host : null;

    /// <summary>The first host's port, written or the kind's default.</summary>
    public int? Port => Endpoints.Count > 0 ? Endpoints[0].Port : null;

    /// <summary>The database (its name, a Redis db number, or the SQLite file path).</summary>
    public string? Database { get; }

    /// <summary>The user name, if the locator has one.</summary>
    public string? User { get; }

    /// <summary>True when the locator demands TLS (rediss, amqps, smtps, https, sslmode=require, Encrypt=True...).</summary>
    public bool Tls { get; }

    /// <summary>The value with passwords masked; safe to show.</summary>
    public string MaskedUrl { get; }

    /// <summary>True for an ADO.NET-style connection string, false for a URL.</summary>
    public bool IsConnectionString { get; }

    /// <inheritdoc/>
    public override string ToString() => Name + " (" + Kind + "): " + MaskedUrl;
}

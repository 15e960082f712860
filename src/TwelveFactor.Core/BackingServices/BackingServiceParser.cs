using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Text;
using TwelveFactor.Core.Config;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation.Secrets;
namespace TwelveFactor.Core.BackingServices;

/// <summary>
/// Recognises config values that locate backing services (URLs with a known scheme, ADO.NET connection strings)
/// and takes them apart. Parsed by hand rather than with <see cref="Uri"/>: Uri rejects real locators
/// (<c>postgres://u:p@h1,h2/db</c>) and some of its exceptions would carry the password. Error messages name the
/// key and what is wrong, never any part of the value.
/// </summary>
public static class BackingServiceParser
{
    // "mongodb+srv": longer text before the first ':' cannot be a known scheme, so is not lower-cased and looked up.
    private const int LongestScheme = 11;

    private sealed record SchemeInfo(BackingServiceKind Kind, int? DefaultPort, bool Tls);

    private static readonly Dictionary<string, SchemeInfo> Schemes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["postgres"] = new(BackingServiceKind.Postgres, 5432, false),
        ["postgresql"] = new(BackingServiceKind.Postgres, 5432, false),
        ["mysql"] = new(BackingServiceKind.MySql, 3306, false),
        ["mariadb"] = new(BackingServiceKind.MySql, 3306, false),
        ["sqlserver"] = new(BackingServiceKind.SqlServer, 1433, false),
        ["mssql"] = new(BackingServiceKind.SqlServer, 1433, false),
        ["redis"] = new(BackingServiceKind.Redis, 6379, false),
        ["rediss"] = new(BackingServiceKind.Redis, 6379, true),
        ["amqp"] = new(BackingServiceKind.Amqp, 5672, false),
        ["amqps"] = new(BackingServiceKind.Amqp, 5671, true),
        ["mongodb"] = new(BackingServiceKind.MongoDb, 27017, false),
        ["mongodb+srv"] = new(BackingServiceKind.MongoDb, null, true),
        ["smtp"] = new(BackingServiceKind.Smtp, 25, false),
        ["smtps"] = new(BackingServiceKind.Smtp, 465, true),
        ["http"] = new(BackingServiceKind.Http, 80, false),
        ["https"] = new(BackingServiceKind.Http, 443, true),
        ["sqlite"] = new(BackingServiceKind.Sqlite, null, false),
        ["sqlite3"] = new(BackingServiceKind.Sqlite, null, false),
    };

    // Connection-string keys that name the server; one of them (or a database key) makes a value a locator.
    private static readonly HashSet<string> ServerKeys = new(StringComparer.Ordinal)
    {
        "server", "host", "datasource", "address", "addr", "networkaddress",
    };

    private static readonly HashSet<string> DatabaseKeys = new(StringComparer.Ordinal) { "database", "initialcatalog" };

    private static readonly HashSet<string> UserKeys = new(StringComparer.Ordinal)
    {
        "userid", "uid", "user", "username",
    };

    private static readonly HashSet<string> SqlServerOnlyKeys = new(StringComparer.Ordinal)
    {
        "initialcatalog", "integratedsecurity", "trustedconnection", "encrypt", "trustservercertificate",
        "multipleactiveresultsets", "applicationintent", "multisubnetfailover", "attachdbfilename",
    };

    private static readonly HashSet<string> MySqlOnlyKeys = new(StringComparer.Ordinal)
    {
        "allowuservariables", "allowpublickeyretrieval", "convertzerodatetime", "allowzerodatetime",
        "characterset", "charset", "treattinyasboolean", "guidformat",
    };

    private static readonly HashSet<string> PostgresOnlyKeys = new(StringComparer.Ordinal)
    {
        "searchpath", "serverfingerprint", "targetsessionattributes", "loadbalancehosts", "includeerrordetail",
    };

    private static readonly HashSet<string> SqliteOnlyKeys = new(StringComparer.Ordinal) { "mode", "cache", "foreignkeys", "recursivetriggers" };

    private static readonly HashSet<string> TlsModes = new(StringComparer.Ordinal)
    {
        "require", "required", "verifyca", "verifyfull", "verifyidentity", "true", "yes", "mandatory", "strict",
    };

    // Query parameters that name authentication settings rather than hold secrets.
    private static readonly HashSet<string> NonSecretQueryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "authSource", "authMechanism", "authMechanismProperties",
    };

    /// <summary>True when the value starts with a scheme this parser knows, or looks like a connection string.</summary>
    public static bool LooksLikeLocator(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryGetScheme(value.Trim(), out _, out _) || LooksLikeConnectionString(value.Trim(), out _);
    }

    /// <summary>
    /// Parses a config value as a backing-service locator. Returns true with the locator; false with a null
    /// <paramref name="error"/> when the value is no locator at all; false with an error (naming
    /// <paramref name="name"/>, never quoting the value) when it looks like a locator but does not parse.
    /// </summary>
    public static bool TryParse(
        string name,
        string value,
        [NotNullWhen(true)] out BackingServiceLocator? locator,
        out string? error)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        locator = null;
        error = null;
        string text = value.Trim();
        if (TryGetScheme(text, out string scheme, out SchemeInfo? info))
        {
            return info.Kind == BackingServiceKind.Sqlite
                ? ParseSqliteUrl(name, text, scheme, out locator, out error)
                : ParseUrl(name, text, scheme, info, out locator, out error);
        }

        if (LibpqConnectionString.TryTokenize(text, out List<ConnectionStringPart> libpqParts))
        {
            return ParseLibpq(name, text, libpqParts, out locator, out error);
        }

        if (RedisConfigurationString.TryTokenize(text, out List<string> redisEndpoints, out List<ConnectionStringPart> redisOptions))
        {
            return ParseRedisConfiguration(name, text, redisEndpoints, redisOptions, out locator, out error);
        }

        if (LooksLikeConnectionString(text, out List<ConnectionStringPart>? parts))
        {
            if (parts is null)
            {
                error = Format(ParityStrings.LocatorConnectionStringMalformed, name);
                return false;
            }

            return ParseConnectionString(name, text, parts, out locator, out error);
        }

        return false;
    }

    /// <summary>
    /// The password a locator carries (URL user info, or a password key of a connection string in any of the
    /// forms this parser reads), for comparing secrets as fingerprints; never for display.
    /// </summary>
    internal static string? FindPassword(string value)
    {
        string text = value.Trim();
        if (UrlMasker.TryFindPassword(text, out int start, out int length))
        {
            return Uri.UnescapeDataString(text.Substring(start, length));
        }

        List<ConnectionStringPart>? parts = null;
        if (LibpqConnectionString.TryTokenize(text, out List<ConnectionStringPart> libpq))
        {
            parts = libpq;
        }
        else if (RedisConfigurationString.TryTokenize(text, out _, out List<ConnectionStringPart> options))
        {
            parts = options;
        }
        else if (LooksLikeConnectionString(text, out List<ConnectionStringPart>? ado))
        {
            parts = ado;
        }
        else if (TryGetScheme(text, out string scheme, out SchemeInfo? info) && info.Kind == BackingServiceKind.SqlServer)
        {
            int semicolon = text.IndexOf(';', scheme.Length);
            if (semicolon > 0 && ConnectionStringTokenizer.TryTokenize(text[(semicolon + 1)..], out List<ConnectionStringPart> properties))
            {
                parts = properties;
            }
        }

        string? password = null;
        foreach (ConnectionStringPart part in parts ?? Enumerable.Empty<ConnectionStringPart>())
        {
            if (part.NormalizedKey is "password" or "pwd")
            {
                password = part.Value; // the last one wins, as providers read it
            }
        }

        return password;
    }

    private static bool TryGetScheme(string text, out string scheme, [NotNullWhen(true)] out SchemeInfo? info)
    {
        scheme = string.Empty;
        info = null;
        int colon = text.IndexOf(':');
        if (colon <= 0 || colon > LongestScheme)
        {
            return false;
        }

        scheme = text[..colon].ToLowerInvariant();
        return Schemes.TryGetValue(scheme, out info);
    }

    private static bool ParseSqliteUrl(
        string name, string text, string scheme, out BackingServiceLocator? locator, out string? error)
    {
        // SQLAlchemy and dj-database-url: sqlite:///relative.db, sqlite:////absolute.db, sqlite:// is in memory.
        string rest = text[(scheme.Length + 1)..];
        int query = rest.IndexOfAny(new[] { '?', '#' });
        if (query >= 0)
        {
            rest = rest[..query];
        }

        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            rest = rest[2..];
            if (rest.StartsWith('/'))
            {
                rest = rest[1..];
            }
        }

        string path = rest.Length == 0 ? ":memory:" : Uri.UnescapeDataString(rest);
        locator = new BackingServiceLocator(
            name, BackingServiceKind.Sqlite, scheme, Array.Empty<BackingServiceEndpoint>(), path, null, false, text, false);
        error = null;
        return true;
    }

    private static bool ParseUrl(
        string name, string text, string scheme, SchemeInfo info, out BackingServiceLocator? locator, out string? error)
    {
        locator = null;
        error = null;
        int afterScheme = scheme.Length + 1;
        if (!text.AsSpan(afterScheme).StartsWith("//", StringComparison.Ordinal))
        {
            error = Format(ParityStrings.LocatorUrlNotHierarchical, name, scheme);
            return false;
        }

        int authorityStart = afterScheme + 2;

        // sqlserver:// URLs (JDBC, Prisma) carry their settings, password included, as ;key=value pairs.
        char[] authorityEnds = info.Kind == BackingServiceKind.SqlServer ? new[] { '/', '?', '#', ';' } : new[] { '/', '?', '#' };
        int authorityEnd = text.IndexOfAny(authorityEnds, authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = text.Length;
        }

        string authority = text[authorityStart..authorityEnd];
        string rest = text[authorityEnd..];
        int at = authority.LastIndexOf('@');
        string userInfo = at >= 0 ? authority[..at] : string.Empty;
        string hostList = at >= 0 ? authority[(at + 1)..] : authority;

        // A password with an unencoded '/', '?' or '#' ends the authority early and leaves its '@' behind;
        // reading on would show part of the password as a host, port or path.
        // HTTP queries may hold an '@' (?email=a@b.example); everything else after the host may not.
        string pathOnly = rest;
        int queryStart = rest.IndexOfAny(new[] { '?', '#' });
        if (info.Kind == BackingServiceKind.Http && queryStart >= 0 && rest[queryStart] == '?')
        {
            int fragment = rest.IndexOf('#', queryStart);
            pathOnly = rest[..queryStart] + (fragment >= 0 ? rest[fragment..] : string.Empty);
        }

        if (rest.StartsWith(';'))
        {
            if (!TryParseHosts(hostList, info, out List<BackingServiceEndpoint> sqlEndpoints, out string? sqlHostError) || sqlEndpoints.Count == 0)
            {
                error = Format(sqlHostError ?? ParityStrings.LocatorUrlNoHost, name, scheme);
                return false;
            }

            return ParseSqlServerUrlProperties(name, text, scheme, authorityEnd, sqlEndpoints, out locator, out error);
        }

        if (at < 0 && pathOnly.Contains('@', StringComparison.Ordinal))
        {
            error = Format(ParityStrings.LocatorUrlStrayAt, name, scheme);
            return false;
        }

        if (!TryParseHosts(hostList, info, out List<BackingServiceEndpoint> endpoints, out string? hostError))
        {
            error = Format(hostError!, name, scheme);
            return false;
        }

        if (endpoints.Count == 0 && info.Kind != BackingServiceKind.Postgres)
        {
            // Only libpq gives an empty host a meaning (the local Unix socket).
            error = Format(ParityStrings.LocatorUrlNoHost, name, scheme);
            return false;
        }

        string path = queryStart >= 0 ? rest[..queryStart] : rest;
        string query = string.Empty;
        if (queryStart >= 0 && rest[queryStart] == '?')
        {
            int hash = rest.IndexOf('#', queryStart);
            query = hash >= 0 ? rest[(queryStart + 1)..hash] : rest[(queryStart + 1)..];
        }

        Dictionary<string, string> parameters = ParseQuery(query);
        string? database = info.Kind == BackingServiceKind.Http ? null : NullIfEmpty(Uri.UnescapeDataString(path.TrimStart('/')));
        string? user = null;
        if (userInfo.Length > 0)
        {
            int colon = userInfo.IndexOf(':');
            user = NullIfEmpty(Uri.UnescapeDataString(colon >= 0 ? userInfo[..colon] : userInfo));
        }

        if (user is null && (parameters.TryGetValue("user", out string? queryUser) || parameters.TryGetValue("username", out queryUser)))
        {
            user = NullIfEmpty(queryUser);
        }

        bool tls = UrlTls(info, scheme, parameters);
        string masked = MaskUrl(text, authorityEnd + (queryStart >= 0 ? queryStart : rest.Length), query.Length);
        if (info.Kind == BackingServiceKind.Http && userInfo.Length > 0 && !userInfo.Contains(':'))
        {
            // https://TOKEN@host: HTTP puts access tokens (GitHub, Sentry) where a user name would be.
            masked = string.Concat(masked.AsSpan(0, authorityStart), SecretClassifier.Mask, masked.AsSpan(authorityStart + at));
            user = null;
        }

        locator = new BackingServiceLocator(name, info.Kind, scheme, endpoints, database, user, tls, masked, false);
        return true;
    }

    private static bool ParseSqlServerUrlProperties(
        string name,
        string text,
        string scheme,
        int propertiesStart,
        List<BackingServiceEndpoint> endpoints,
        out BackingServiceLocator? locator,
        out string? error)
    {
        locator = null;
        error = null;
        string properties = text[(propertiesStart + 1)..];
        if (!ConnectionStringTokenizer.TryTokenize(properties, out List<ConnectionStringPart> parts))
        {
            error = Format(ParityStrings.LocatorConnectionStringMalformed, name);
            return false;
        }

        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ConnectionStringPart part in parts)
        {
            byKey[part.NormalizedKey] = part.Value;
        }

        string? database = First(byKey, "database", "databasename", "initialcatalog");
        string? user = First(byKey, "user", "userid", "username", "uid");
        bool tls = byKey.TryGetValue("encrypt", out string? encrypt) && IsTlsMode(encrypt);
        string masked = UrlMasker.MaskPassword(text[..propertiesStart]) + ";" + MaskConnectionString(properties, parts);
        locator = new BackingServiceLocator(name, BackingServiceKind.SqlServer, scheme, endpoints, database, user, tls, masked, false);
        return true;
    }

    private static bool TryParseHosts(
        string hostList, SchemeInfo info, out List<BackingServiceEndpoint> endpoints, out string? error)
    {
        endpoints = new List<BackingServiceEndpoint>();
        error = null;
        if (hostList.Length == 0)
        {
            return true;
        }

        foreach (string item in hostList.Split(','))
        {
            string host;
            string? portText = null;
            if (item.StartsWith('['))
            {
                int close = item.IndexOf(']');
                if (close < 0)
                {
                    error = ParityStrings.LocatorUrlBadIpv6;
                    return false;
                }

                host = item[1..close];
                string after = item[(close + 1)..];
                if (after.Length > 0)
                {
                    if (after[0] != ':')
                    {
                        error = ParityStrings.LocatorUrlBadHost;
                        return false;
                    }

                    portText = after[1..];
                }
            }
            else
            {
                int colon = item.IndexOf(':');
                host = colon >= 0 ? item[..colon] : item;
                portText = colon >= 0 ? item[(colon + 1)..] : null;
            }

            host = Uri.UnescapeDataString(host);
            if (host.Length == 0 || !host.All(IsHostChar))
            {
                error = host.Length == 0 ? ParityStrings.LocatorUrlNoHost : ParityStrings.LocatorUrlBadHost;
                return false;
            }

            int? port = info.DefaultPort;
            if (!string.IsNullOrEmpty(portText))
            {
                if (!TryParsePort(portText, out int parsed))
                {
                    error = ParityStrings.LocatorUrlBadPort;
                    return false;
                }

                port = parsed;
            }

            endpoints.Add(new BackingServiceEndpoint(host, port));
        }

        if (endpoints.Count > 1 && info.Kind is BackingServiceKind.Http or BackingServiceKind.Smtp or BackingServiceKind.Amqp)
        {
            error = ParityStrings.LocatorUrlBadHost;
            return false;
        }

        return true;
    }

    private static bool IsHostChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or ':' || c > 127;

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=');
            string key = Uri.UnescapeDataString(equals >= 0 ? pair[..equals] : pair);
            parameters[key] = equals >= 0 ? Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' ')) : string.Empty;
        }

        return parameters;
    }

    private static bool UrlTls(SchemeInfo info, string scheme, Dictionary<string, string> parameters)
    {
        if (info.Tls && !(scheme == "mongodb+srv" && (IsFalse(parameters, "tls") || IsFalse(parameters, "ssl"))))
        {
            return true;
        }

        string[] names = info.Kind switch
        {
            BackingServiceKind.Postgres => new[] { "sslmode", "ssl" },
            BackingServiceKind.MySql => new[] { "ssl-mode", "sslmode", "ssl", "tls" },
            BackingServiceKind.SqlServer => new[] { "encrypt" },
            BackingServiceKind.MongoDb => new[] { "tls", "ssl" },
            _ => Array.Empty<string>(),
        };
        return names.Any(n => parameters.TryGetValue(n, out string? v) && IsTlsMode(v));
    }

    private static bool IsFalse(Dictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out string? v) && string.Equals(v, "false", StringComparison.OrdinalIgnoreCase);

    private static bool IsTlsMode(string value) =>
        TlsModes.Contains(value.Replace("-", string.Empty).Replace("_", string.Empty).ToLowerInvariant());

    private static string MaskUrl(string text, int queryMarkIndex, int queryLength)
    {
        // The user-info password first, then any query parameter whose name says it holds a secret.
        string head = UrlMasker.MaskPassword(text[..queryMarkIndex]);
        if (queryLength == 0)
        {
            return head + text[queryMarkIndex..];
        }

        string query = text.Substring(queryMarkIndex + 1, queryLength);
        string tail = text[(queryMarkIndex + 1 + queryLength)..];
        IEnumerable<string> pairs = query.Split('&').Select(pair =>
        {
            int equals = pair.IndexOf('=');
            if (equals < 0)
            {
                return pair;
            }

            string key = Uri.UnescapeDataString(pair[..equals]);
            return SecretValueMasker.IsSecretParameterName(key) && !NonSecretQueryNames.Contains(key)
                ? pair[..(equals + 1)] + SecretClassifier.Mask
                : pair;
        });
        return head + "?" + string.Join('&', pairs) + tail;
    }

    private static bool LooksLikeConnectionString(string text, out List<ConnectionStringPart>? parts)
    {
        parts = null;
        int equals = text.IndexOf('=');
        if (equals <= 0)
        {
            return false;
        }

        // Decide by the first key, so that a malformed string that starts like one is still reported.
        int semicolon = text.IndexOf(';');
        if (semicolon >= 0 && semicolon < equals)
        {
            return false;
        }

        string firstKey = new ConnectionStringPart(text[..equals].Trim(), string.Empty, 0, 0).NormalizedKey;
        bool known = ServerKeys.Contains(firstKey) || DatabaseKeys.Contains(firstKey) || UserKeys.Contains(firstKey)
            || firstKey is "port" or "provider" or "password" or "pwd";
        if (!ConnectionStringTokenizer.TryTokenize(text, out List<ConnectionStringPart> tokens))
        {
            return known;
        }

        if (tokens.Any(p => ServerKeys.Contains(p.NormalizedKey)))
        {
            parts = tokens;
            return true;
        }

        return false;
    }

    private static bool ParseConnectionString(
        string name, string text, List<ConnectionStringPart> parts, out BackingServiceLocator? locator, out string? error)
    {
        locator = null;
        error = null;
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ConnectionStringPart part in parts)
        {
            byKey[part.NormalizedKey] = part.Value;
        }

        BackingServiceKind kind = ConnectionStringKind(name, byKey);
        string? server = First(byKey, "server", "host", "address", "addr", "networkaddress")
            ?? (kind == BackingServiceKind.Sqlite ? null : First(byKey, "datasource"));
        int? port = kind switch
        {
            BackingServiceKind.Postgres => 5432,
            BackingServiceKind.MySql => 3306,
            BackingServiceKind.SqlServer => 1433,
            _ => null,
        };
        if (byKey.TryGetValue("port", out string? portText) && portText.Length > 0)
        {
            if (!TryParsePort(portText, out int parsed))
            {
                error = Format(ParityStrings.LocatorConnectionStringBadPort, name);
                return false;
            }

            port = parsed;
        }

        var endpoints = new List<BackingServiceEndpoint>();
        if (server is not null)
        {
            foreach (string item in kind == BackingServiceKind.SqlServer ? new[] { server } : server.Split(','))
            {
                if (!TryParseServer(item.Trim(), kind, port, out BackingServiceEndpoint? endpoint))
                {
                    error = Format(ParityStrings.LocatorConnectionStringBadServer, name);
                    return false;
                }

                endpoints.Add(endpoint);
            }
        }

        string? database = kind == BackingServiceKind.Sqlite
            ? First(byKey, "datasource", "filename")
            : First(byKey, "database", "initialcatalog", "db");
        string? user = First(byKey, "userid", "uid", "user", "username");
        bool tls = new[] { "encrypt", "sslmode", "ssl", "usessl" }.Any(k => byKey.TryGetValue(k, out string? v) && IsTlsMode(v));
        string masked = MaskConnectionString(text, parts);
        string scheme = "connectionstring";
        locator = new BackingServiceLocator(name, kind, scheme, endpoints, NullIfEmpty(database), NullIfEmpty(user), tls, masked, true);
        return true;
    }

    private static bool ParseLibpq(
        string name, string text, List<ConnectionStringPart> parts, out BackingServiceLocator? locator, out string? error)
    {
        locator = null;
        error = null;
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ConnectionStringPart part in parts)
        {
            byKey[part.Key] = part.Value;
        }

        // host and port may be lists; a single port applies to every host.
        string[] hosts = (First(byKey, "host") ?? First(byKey, "hostaddr") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        string[] ports = (First(byKey, "port") ?? string.Empty).Split(',');
        var endpoints = new List<BackingServiceEndpoint>();
        for (int i = 0; i < hosts.Length; i++)
        {
            string portText = (ports.Length == hosts.Length ? ports[i] : ports[0]).Trim();
            int port = 5432;
            if (portText.Length > 0 && !TryParsePort(portText, out port))
            {
                error = Format(ParityStrings.LocatorConnectionStringBadPort, name);
                return false;
            }

            string host = hosts[i].Trim();
            if (host.StartsWith('/'))
            {
                continue; // a Unix-socket directory, not a network host
            }

            if (!host.All(IsHostChar))
            {
                error = Format(ParityStrings.LocatorConnectionStringBadServer, name);
                return false;
            }

            endpoints.Add(new BackingServiceEndpoint(host, port));
        }

        bool tls = byKey.TryGetValue("sslmode", out string? sslmode) && IsTlsMode(sslmode);
        locator = new BackingServiceLocator(
            name, BackingServiceKind.Postgres, "connectionstring", endpoints, First(byKey, "dbname"), First(byKey, "user"), tls,
            MaskConnectionString(text, parts), true);
        return true;
    }

    private static bool ParseRedisConfiguration(
        string name,
        string text,
        List<string> endpointTexts,
        List<ConnectionStringPart> options,
        out BackingServiceLocator? locator,
        out string? error)
    {
        locator = null;
        error = null;
        var endpoints = new List<BackingServiceEndpoint>();
        foreach (string endpointText in endpointTexts)
        {
            if (!TryParseServer(endpointText, BackingServiceKind.Redis, 6379, out BackingServiceEndpoint? endpoint))
            {
                error = Format(ParityStrings.LocatorConnectionStringBadServer, name);
                return false;
            }

            endpoints.Add(endpoint);
        }

        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ConnectionStringPart option in options)
        {
            byKey[option.NormalizedKey] = option.Value;
        }

        bool tls = byKey.TryGetValue("ssl", out string? ssl) && IsTlsMode(ssl);
        locator = new BackingServiceLocator(
            name, BackingServiceKind.Redis, "connectionstring", endpoints, First(byKey, "defaultdatabase"), First(byKey, "user"), tls,
            MaskConnectionString(text, options), true);
        return true;
    }

    private static BackingServiceKind ConnectionStringKind(string name, Dictionary<string, string> byKey)
    {
        bool HasAny(HashSet<string> keys) => byKey.Keys.Any(keys.Contains);
        string upperName = name.ToUpperInvariant();
        byKey.TryGetValue("port", out string? port);

        if (byKey.TryGetValue("datasource", out string? dataSource) && !byKey.ContainsKey("server") && !byKey.ContainsKey("host")
            && !HasAny(SqlServerOnlyKeys) && (HasAny(SqliteOnlyKeys) || IsSqliteFile(dataSource)))
        {
            return BackingServiceKind.Sqlite;
        }

        if (HasAny(SqlServerOnlyKeys) || port == "1433")
        {
            return BackingServiceKind.SqlServer;
        }

        if (HasAny(MySqlOnlyKeys) || port == "3306" || upperName.Contains("MYSQL", StringComparison.Ordinal)
            || upperName.Contains("MARIA", StringComparison.Ordinal))
        {
            return BackingServiceKind.MySql;
        }

        if (byKey.ContainsKey("host") || HasAny(PostgresOnlyKeys) || port == "5432" || upperName.Contains("PG", StringComparison.Ordinal)
            || upperName.Contains("POSTGRES", StringComparison.Ordinal) || upperName.Contains("NPGSQL", StringComparison.Ordinal))
        {
            return BackingServiceKind.Postgres;
        }

        return BackingServiceKind.SqlServer;
    }

    private static bool IsSqliteFile(string dataSource)
    {
        // SQL Server data sources are host names, "host\instance" or "tcp:host,port"; a '/' or a drive letter is a file.
        string lower = dataSource.ToLowerInvariant();
        bool path = lower.Contains('/') || (lower.Length > 2 && char.IsAsciiLetter(lower[0]) && lower[1] == ':' && lower[2] == '\\');
        return path || lower == ":memory:" || lower.EndsWith(".db", StringComparison.Ordinal) || lower.EndsWith(".db3", StringComparison.Ordinal)
            || lower.EndsWith(".sqlite", StringComparison.Ordinal) || lower.EndsWith(".sqlite3", StringComparison.Ordinal);
    }

    private static bool TryParseServer(string item, BackingServiceKind kind, int? defaultPort, [NotNullWhen(true)] out BackingServiceEndpoint? endpoint)
    {
        endpoint = null;
        int? port = defaultPort;
        string host = item;
        if (kind == BackingServiceKind.SqlServer)
        {
            // tcp:host,port  host\instance  (local)  .
            int prefix = host.IndexOf(':');
            if (prefix > 0 && host[..prefix].ToLowerInvariant() is "tcp" or "np" or "lpc" or "admin")
            {
                host = host[(prefix + 1)..];
            }

            int comma = host.IndexOf(',');
            if (comma >= 0)
            {
                if (!TryParsePort(host[(comma + 1)..].Trim(), out int parsed))
                {
                    return false;
                }

                port = parsed;
                host = host[..comma];
            }

            int slash = host.IndexOf('\\');
            if (slash >= 0)
            {
                if (comma < 0)
                {
                    port = null; // a named instance listens where SQL Browser says
                }

                host = host[..slash];
            }

            if (host is "." or "(local)" || host.StartsWith("(localdb)", StringComparison.OrdinalIgnoreCase))
            {
                host = "localhost";
            }
        }
        else if (host.StartsWith('['))
        {
            int close = host.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            if (close + 1 < host.Length)
            {
                if (host[close + 1] != ':' || !TryParsePort(host[(close + 2)..], out int parsed))
                {
                    return false;
                }

                port = parsed;
            }

            host = host[1..close];
        }
        else if (host.Count(c => c == ':') == 1)
        {
            int colon = host.IndexOf(':');
            if (!TryParsePort(host[(colon + 1)..], out int parsed))
            {
                return false;
            }

            port = parsed;
            host = host[..colon];
        }

        host = host.Trim();
        if (host.Length == 0 || !host.All(IsHostChar))
        {
            return false;
        }

        endpoint = new BackingServiceEndpoint(host, port);
        return true;
    }

    private static string MaskConnectionString(string text, List<ConnectionStringPart> parts)
    {
        var builder = new StringBuilder(text.Length);
        int copied = 0;
        foreach (ConnectionStringPart part in parts.OrderBy(p => p.RawValueStart))
        {
            string key = part.NormalizedKey;
            bool secret = key is "password" or "pwd" || (SecretValueMasker.IsSecretParameterName(part.Key) && !UserKeys.Contains(key));
            if (secret && part.RawValueLength > 0)
            {
                builder.Append(text, copied, part.RawValueStart - copied).Append(SecretClassifier.Mask);
                copied = part.RawValueStart + part.RawValueLength;
            }
        }

        return builder.Append(text, copied, text.Length - copied).ToString();
    }

    private static string? First(Dictionary<string, string> byKey, params string[] keys)
    {
        foreach (string key in keys)
        {
            if (byKey.TryGetValue(key, out string? value) && value.Length > 0)
            {
                return value;
            }
        }

        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.CurrentCulture, format, args);
}

namespace TwelveFactor;

/// <summary>A config value that locates a backing service (factor IV), password masked.</summary>
public sealed class BackingService
{
    internal BackingService(string name, string kind, string? host, int? port, string? database, string? user, bool tls, string? environment, string url, string source, object locator)
    {
        Name = name;
        Kind = kind;
        Host = host;
        Port = port;
        Database = database;
        User = user;
        Tls = tls;
        Environment = environment;
        Url = url;
        Source = source;
        Locator = locator;
    }

    /// <summary>The config key.</summary>
    public string Name { get; }

    /// <summary>postgres, redis, mysql, amqp, mongodb, sqlite, smtp, http, sqlserver.</summary>
    public string Kind { get; }

    public string? Host { get; }

    public int? Port { get; }

    public string? Database { get; }

    public string? User { get; }

    public bool Tls { get; }

    public string? Environment { get; }

    /// <summary>The locator with its password masked.</summary>
    public string Url { get; }

    /// <summary>Where the value is set: file:line.</summary>
    public string Source { get; }

    // Core's parsed locator, typed object so this class loads before Core does (see ModuleAssemblyLoader).
    internal object Locator { get; }

    public override string ToString() => $"{Name} ({Kind}) {Url}";
}

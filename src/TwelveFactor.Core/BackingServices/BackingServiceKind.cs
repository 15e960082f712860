namespace TwelveFactor.Core.BackingServices;

/// <summary>What kind of backing service a locator points at.</summary>
public enum BackingServiceKind
{
    /// <summary>PostgreSQL: <c>postgres://</c>, <c>postgresql://</c>, or an Npgsql connection string.</summary>
    Postgres,

    /// <summary>MySQL or MariaDB: <c>mysql://</c>, <c>mariadb://</c>, or a MySQL connection string.</summary>
    MySql,

    /// <summary>SQL Server: <c>sqlserver://</c>, <c>mssql://</c>, or an ADO.NET connection string.</summary>
    SqlServer,

    /// <summary>SQLite: <c>sqlite:///path</c>, <c>sqlite:path</c>, or <c>Data Source=file.db</c>.</summary>
    Sqlite,

    /// <summary>Redis: <c>redis://</c>, <c>rediss://</c> (TLS).</summary>
    Redis,

    /// <summary>An AMQP broker such as RabbitMQ: <c>amqp://</c>, <c>amqps://</c> (TLS).</summary>
    Amqp,

    /// <summary>MongoDB: <c>mongodb://</c>, <c>mongodb+srv://</c>.</summary>
    MongoDb,

    /// <summary>A mail server: <c>smtp://</c>, <c>smtps://</c> (TLS).</summary>
    Smtp,

    /// <summary>An HTTP service: <c>http://</c>, <c>https://</c> (TLS).</summary>
    Http,
}

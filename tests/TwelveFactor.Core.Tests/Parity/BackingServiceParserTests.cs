using TwelveFactor.Core.Parity;

using TwelveFactor.Core.BackingServices;
namespace TwelveFactor.Core.Tests.Parity;

public sealed class BackingServiceParserTests
{
    private static BackingServiceLocator Parse(string value, string name = "DATABASE_URL")
    {
        Assert.True(BackingServiceParser.TryParse(name, value, out BackingServiceLocator? locator, out string? error), error);
        Assert.Null(error);
        return locator;
    }

    private static string ParseError(string value, string name = "DATABASE_URL")
    {
        Assert.False(BackingServiceParser.TryParse(name, value, out BackingServiceLocator? locator, out string? error));
        Assert.Null(locator);
        Assert.NotNull(error);
        Assert.Contains(name, error);
        return error;
    }

    [Fact]
    public void PostgresUrlIsTakenApartAndItsPasswordMasked()
    {
        BackingServiceLocator l = Parse("postgres://app_user:S3cr%40t!@db.internal.example.com:6543/orders?sslmode=require");

        Assert.Equal(BackingServiceKind.Postgres, l.Kind);
        Assert.Equal("db.internal.example.com", l.Host);
        Assert.Equal(6543, l.Port);
        Assert.Equal("orders", l.Database);
        Assert.Equal("app_user", l.User);
        Assert.True(l.Tls);
        Assert.False(l.IsConnectionString);
        Assert.Equal("postgres://app_user:********@db.internal.example.com:6543/orders?sslmode=require", l.MaskedUrl);
        Assert.DoesNotContain("S3cr", l.MaskedUrl);
    }

    [Theory]
    [InlineData("postgresql://u@h/db", BackingServiceKind.Postgres, 5432, false)]
    [InlineData("mysql://root:pw@mysql.local/shop", BackingServiceKind.MySql, 3306, false)]
    [InlineData("mysql://root:pw@mysql.local/shop?ssl-mode=REQUIRED", BackingServiceKind.MySql, 3306, true)]
    [InlineData("redis://cache:6380/2", BackingServiceKind.Redis, 6380, false)]
    [InlineData("rediss://:tok@cache.example.com", BackingServiceKind.Redis, 6379, true)]
    [InlineData("amqp://guest:guest@rabbit/vhost", BackingServiceKind.Amqp, 5672, false)]
    [InlineData("amqps://guest:guest@rabbit/vhost", BackingServiceKind.Amqp, 5671, true)]
    [InlineData("mongodb://m1.example.com:27018,m2.example.com/app?replicaSet=rs0&tls=true", BackingServiceKind.MongoDb, 27018, true)]
    [InlineData("smtp://mailer:pw@smtp.example.com:587", BackingServiceKind.Smtp, 587, false)]
    [InlineData("smtps://smtp.example.com", BackingServiceKind.Smtp, 465, true)]
    [InlineData("http://api.internal", BackingServiceKind.Http, 80, false)]
    [InlineData("HTTPS://api.example.com/v1/", BackingServiceKind.Http, 443, true)]
    [InlineData("sqlserver://sql.example.com;database=x", BackingServiceKind.SqlServer, 1433, false)]
    public void SchemesGiveKindDefaultPortAndTls(string value, BackingServiceKind kind, int port, bool tls)
    {
        BackingServiceLocator l = Parse(value);
        Assert.Equal(kind, l.Kind);
        Assert.Equal(port, l.Port);
        Assert.Equal(tls, l.Tls);
    }

    [Fact]
    public void MongoSrvIsTlsWithoutPortAndAllHostsAreKept()
    {
        BackingServiceLocator srv = Parse("mongodb+srv://app:pw@cluster0.ab1cd.mongodb.net/shop?retryWrites=true");
        Assert.True(srv.Tls);
        Assert.Null(srv.Port);
        Assert.Equal("shop", srv.Database);

        BackingServiceLocator rs = Parse("mongodb://a.example.com,b.example.com:27020,[::1]:27021/app");
        Assert.Equal(
            new[] { new BackingServiceEndpoint("a.example.com", 27017), new BackingServiceEndpoint("b.example.com", 27020), new BackingServiceEndpoint("::1", 27021) },
            rs.Endpoints);
    }

    [Theory]
    [InlineData("sqlite:///db/development.sqlite3", "db/development.sqlite3")]
    [InlineData("sqlite:////var/lib/app/prod.db", "/var/lib/app/prod.db")]
    [InlineData("sqlite:data/app.db", "data/app.db")]
    [InlineData("sqlite3:db/test.sqlite3", "db/test.sqlite3")]
    [InlineData("sqlite://", ":memory:")]
    public void SqliteUrlsGiveTheFilePath(string value, string path)
    {
        BackingServiceLocator l = Parse(value);
        Assert.Equal(BackingServiceKind.Sqlite, l.Kind);
        Assert.Equal(path, l.Database);
        Assert.Null(l.Host);
        Assert.Empty(l.Endpoints);
    }

    [Fact]
    public void QueryPasswordsAreMaskedButAuthSourceIsNot()
    {
        BackingServiceLocator l = Parse("postgres://db.example.com/app?user=report&password=hunter2&sslpassword=abc&application_name=x");
        Assert.Equal("report", l.User);
        Assert.Equal("postgres://db.example.com/app?user=report&password=********&sslpassword=********&application_name=x", l.MaskedUrl);

        BackingServiceLocator m = Parse("mongodb://u:p@h/app?authSource=admin");
        Assert.Equal("mongodb://u:********@h/app?authSource=admin", m.MaskedUrl);
    }

    [Fact]
    public void HttpUserInfoWithoutPasswordIsATokenAndMasked()
    {
        BackingServiceLocator l = Parse("https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@github.example.com/acme/repo.git", "GIT_REMOTE");
        Assert.Equal("https://********@github.example.com/acme/repo.git", l.MaskedUrl);
        Assert.Null(l.User);
        Assert.Equal("github.example.com", l.Host);

        Assert.Equal("postgres://readonly@db.example.com/app", Parse("postgres://readonly@db.example.com/app").MaskedUrl);
    }

    [Fact]
    public void SqlServerConnectionStringMasksPasswordKeepingTheRest()
    {
        BackingServiceLocator l = Parse(
            "Server=tcp:sql.example.com,14330;Initial Catalog=Orders;User Id=app;Password=\"p;w'd\";Encrypt=True;TrustServerCertificate=False",
            "ConnectionStrings__Orders");

        Assert.Equal(BackingServiceKind.SqlServer, l.Kind);
        Assert.Equal("sql.example.com", l.Host);
        Assert.Equal(14330, l.Port);
        Assert.Equal("Orders", l.Database);
        Assert.Equal("app", l.User);
        Assert.True(l.Tls);
        Assert.True(l.IsConnectionString);
        Assert.Equal(
            "Server=tcp:sql.example.com,14330;Initial Catalog=Orders;User Id=app;Password=********;Encrypt=True;TrustServerCertificate=False",
            l.MaskedUrl);
    }

    [Fact]
    public void SqlServerUrlWithPropertiesMasksThePasswordProperty()
    {
        BackingServiceLocator l = Parse("sqlserver://sql.example.com:1434;database=Orders;user=app;password={p@ss;w0rd};encrypt=true");
        Assert.Equal(BackingServiceKind.SqlServer, l.Kind);
        Assert.Equal(1434, l.Port);
        Assert.Equal("Orders", l.Database);
        Assert.Equal("app", l.User);
        Assert.True(l.Tls);
        Assert.DoesNotContain("p@ss", l.MaskedUrl);
        Assert.StartsWith("sqlserver://sql.example.com:1434;database=Orders;user=app;password=********;", l.MaskedUrl);
    }

    [Fact]
    public void NpgsqlConnectionStringIsPostgres()
    {
        BackingServiceLocator l = Parse("Host=pg1.example.com:5433,pg2.example.com;Database=app;Username=web;Pwd=topsecret;SSL Mode=VerifyFull");
        Assert.Equal(BackingServiceKind.Postgres, l.Kind);
        Assert.Equal(new[] { new BackingServiceEndpoint("pg1.example.com", 5433), new BackingServiceEndpoint("pg2.example.com", 5432) }, l.Endpoints);
        Assert.Equal("web", l.User);
        Assert.True(l.Tls);
        Assert.Equal("Host=pg1.example.com:5433,pg2.example.com;Database=app;Username=web;Pwd=********;SSL Mode=VerifyFull", l.MaskedUrl);
    }

    [Theory]
    [InlineData("Server=mysql.example.com;Port=3306;Database=shop;Uid=root;Pwd=x;SslMode=Required", BackingServiceKind.MySql, true)]
    [InlineData("Server=db;Database=shop;User Id=u;Password=x;AllowUserVariables=true", BackingServiceKind.MySql, false)]
    [InlineData("Data Source=app.db", BackingServiceKind.Sqlite, false)]
    [InlineData("Data Source=/var/lib/app/data", BackingServiceKind.Sqlite, false)]
    [InlineData("Data Source=C:\\data\\app", BackingServiceKind.Sqlite, false)]
    [InlineData("Data Source=sql01\\SQLEXPRESS;User Id=u", BackingServiceKind.SqlServer, false)]
    [InlineData("Data Source=:memory:;Cache=Shared", BackingServiceKind.Sqlite, false)]
    [InlineData("Data Source=sql01;Initial Catalog=Hr;Integrated Security=SSPI", BackingServiceKind.SqlServer, false)]
    [InlineData("Server=(local);Database=Hr;Trusted_Connection=True", BackingServiceKind.SqlServer, false)]
    public void ConnectionStringKinds(string value, BackingServiceKind kind, bool tls)
    {
        BackingServiceLocator l = Parse(value, "DB");
        Assert.Equal(kind, l.Kind);
        Assert.Equal(tls, l.Tls);
    }

    [Fact]
    public void LibpqKeywordFormIsPostgresWithItsPasswordMasked()
    {
        BackingServiceLocator l = Parse("host=pg1.example.com,pg2.example.com port=5433 dbname=shop user=web password='it\\'s \\\\ secret' sslmode=verify-full");
        Assert.Equal(BackingServiceKind.Postgres, l.Kind);
        Assert.Equal(new[] { new BackingServiceEndpoint("pg1.example.com", 5433), new BackingServiceEndpoint("pg2.example.com", 5433) }, l.Endpoints);
        Assert.Equal(("shop", "web", true), (l.Database, l.User, l.Tls));
        Assert.Equal("host=pg1.example.com,pg2.example.com port=5433 dbname=shop user=web password=******** sslmode=verify-full", l.MaskedUrl);

        BackingServiceLocator socket = Parse("host=/var/run/postgresql dbname=app");
        Assert.Empty(socket.Endpoints);
    }

    [Fact]
    public void StackExchangeRedisConfigurationIsRedis()
    {
        BackingServiceLocator l = Parse("shop.redis.cache.windows.net:6380,password=Zm9vYmFyYmF6cXV4,ssl=True,abortConnect=False,defaultDatabase=3", "REDIS");
        Assert.Equal(BackingServiceKind.Redis, l.Kind);
        Assert.Equal(("shop.redis.cache.windows.net", 6380, true, "3"), (l.Host, l.Port, l.Tls, l.Database));
        Assert.Equal("shop.redis.cache.windows.net:6380,password=********,ssl=True,abortConnect=False,defaultDatabase=3", l.MaskedUrl);

        Assert.Equal(6379, Parse("localhost,abortConnect=false", "REDIS").Port);
    }

    [Theory]
    [InlineData("cache.example.com:6380")]
    [InlineData("a,b,c")]
    [InlineData("x=1,y=2")]
    [InlineData("dbname")]
    [InlineData("Host is down")]
    public void NearMissesOfTheKeywordFormsAreNoLocators(string value)
    {
        Assert.False(BackingServiceParser.TryParse("K", value, out _, out string? error));
        Assert.Null(error);
    }

    [Fact]
    public void PasswordsAreFoundInEveryForm()
    {
        Assert.Equal("p@ss/word", BackingServiceParser.FindPassword("postgres://u:p%40ss%2Fword@h/db"));
        Assert.Equal("it's", BackingServiceParser.FindPassword("host=h password='it\\'s'"));
        Assert.Equal("abc", BackingServiceParser.FindPassword("h:6380,password=abc,ssl=true"));
        Assert.Equal("x;y", BackingServiceParser.FindPassword("Server=h;Pwd=\"x;y\""));
        Assert.Equal("z", BackingServiceParser.FindPassword("sqlserver://h;user=u;password=z"));
        Assert.Null(BackingServiceParser.FindPassword("redis://h:6379"));
    }

    [Fact]
    public void SqliteConnectionStringHasTheFileAsDatabase()
    {
        BackingServiceLocator l = Parse("Data Source=data/app.db;Mode=ReadWriteCreate", "SQLITE");
        Assert.Equal("data/app.db", l.Database);
        Assert.Null(l.Host);
    }

    [Fact]
    public void LocalSqlServerNamesMeanLocalhost()
    {
        Assert.Equal("localhost", Parse("Server=.;Database=Hr;Trusted_Connection=True").Host);
        BackingServiceLocator named = Parse(@"Server=sql01\PROD;Database=Hr;Integrated Security=true");
        Assert.Equal("sql01", named.Host);
        Assert.Null(named.Port);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("42")]
    [InlineData("s3://bucket/key")]
    [InlineData("ftp://files.example.com")]
    [InlineData("a=b;c=d")]
    [InlineData("LOG_LEVEL=debug")]
    [InlineData("C:\\data\\file.txt")]
    [InlineData("")]
    public void OtherValuesAreNoLocatorAndNoError(string value)
    {
        Assert.False(BackingServiceParser.TryParse("SOME_KEY", value, out BackingServiceLocator? locator, out string? error));
        Assert.Null(locator);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("postgres://app:hunter2@db.example.com:54x2/app")]
    [InlineData("postgres://app:hunter2@db.example.com:70000/app")]
    [InlineData("redis://")]
    [InlineData("redis:hunter2@cache")]
    [InlineData("postgres://app:hun/ter2@db.example.com/app")]
    [InlineData("postgres://app:1234/hunter2@db.example.com/app")]
    [InlineData("mongodb://[::1:27017/app")]
    [InlineData("https://deploy:1234#hunter2@hooks.example.com/")]
    [InlineData("postgres://app:1234?hunter2@db.example.com/app")]
    [InlineData("mysql://app:hunter2@db exa mple.com/app")]
    [InlineData("Server=db.example.com;Password='hunter2")]
    [InlineData("Server=db.example.com;Port=hunter2;Password=x")]
    public void MalformedLocatorsNameTheKeyAndNeverQuoteTheValue(string value)
    {
        string error = ParseError(value, "ORDERS_DB");
        Assert.DoesNotContain("hunter2", error);
        Assert.DoesNotContain("hun", error);
        Assert.DoesNotContain("db.example.com", error);
        Assert.DoesNotContain(value, error);
    }

    [Fact]
    public void HttpQueriesMayContainAnAt()
    {
        Assert.Equal("api.example.com", Parse("https://api.example.com:8443/v1?notify=ops@example.com#top").Host);
    }

    // A marker password in every position and spelling a config value might have: whatever the parser makes of
    // the value, the marker never reaches MaskedUrl, User, Database, a host, or an error message.
    [Theory]
    [InlineData("postgres://app:{0}@db.example.com/app")]
    [InlineData("postgres://app:{0}@db.example.com:5432/app?sslmode=require&password={0}")]
    [InlineData("mysql://root:{0}@db/x")]
    [InlineData("rediss://:{0}@cache.example.com:6380/0")]
    [InlineData("amqps://u:{0}@mq/vhost")]
    [InlineData("mongodb+srv://u:{0}@cluster0.example.net/app?authSource=admin")]
    [InlineData("smtps://mailer:{0}@smtp.example.com")]
    [InlineData("https://{0}@github.example.com/acme/repo.git")]
    [InlineData("https://bot:{0}@hooks.example.com/x")]
    [InlineData("sqlserver://h:1433;user=u;password={0};encrypt=true")]
    [InlineData("Server=h;Database=d;User Id=u;Password={0};")]
    [InlineData("Server=h;Database=d;User Id=u;Password=\"{0};x\";")]
    [InlineData("Host=h;Username=u;Pwd='{0}'")]
    [InlineData("host=h dbname=d password='{0} x'")]
    [InlineData("h:6380,password={0},ssl=True")]
    [InlineData("postgres://app:{0}/x@db.example.com/app")]
    [InlineData("postgres://app:12#{0}@db.example.com/app")]
    [InlineData("https://u:12#{0}@h.example.com/")]
    [InlineData("Server=h;Password='{0}")]
    [InlineData("redis://:{0}@")]
    public void APasswordNeverSurvivesParsing(string template)
    {
        const string marker = "Zq7SecretMarker";
        string value = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, marker);
        bool parsed = BackingServiceParser.TryParse("KEY", value, out BackingServiceLocator? l, out string? error);

        Assert.DoesNotContain(marker, error ?? string.Empty);
        if (parsed)
        {
            string shown = string.Join("|", l!.MaskedUrl, l.User, l.Database, l.ToString(), string.Join(",", l.Endpoints));
            Assert.DoesNotContain(marker, shown);
        }
    }

    [Fact]
    public void LooksLikeLocatorRecognisesSchemesAndConnectionStrings()
    {
        Assert.True(BackingServiceParser.LooksLikeLocator("redis://x"));
        Assert.True(BackingServiceParser.LooksLikeLocator("Server=x;Database=y"));
        Assert.False(BackingServiceParser.LooksLikeLocator("plain text"));
    }
}

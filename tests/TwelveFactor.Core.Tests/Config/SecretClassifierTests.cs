using TwelveFactor.Core.Config;

using TwelveFactor.Core.Foundation.Secrets;
namespace TwelveFactor.Core.Tests.Config;

public sealed class SecretClassifierTests
{
    [Theory]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("client_secret", true)]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("STRIPE_API_KEY", true)]
    [InlineData("SIGNING_KEY", true)]
    [InlineData("BASIC_AUTH", true)]
    [InlineData("SMTP_PASS", true)]
    [InlineData("SENTRY_DSN", true)]
    [InlineData("AUTHOR_NAME", false)]
    [InlineData("KEYBOARD_LAYOUT", false)]
    [InlineData("PASSAGE_COUNT", false)]
    [InlineData("PORT", false)]
    [InlineData("PATH", false)]
    public void Names_that_say_secret(string name, bool secret) => Assert.Equal(secret, SecretClassifier.IsSecretName(name));

    [Theory]
    [InlineData("postgres://u:p%40ss@h:5432/db", "postgres://u:********@h:5432/db")]
    [InlineData("redis://:pw@cache:6379/0", "redis://:********@cache:6379/0")]
    [InlineData("amqp://user:p@ss@mq/vhost", "amqp://user:********@mq/vhost")]
    [InlineData("https://example.com/path?q=1", "https://example.com/path?q=1")]
    [InlineData("postgres://u@h/db", "postgres://u@h/db")]
    [InlineData("not a url", "not a url")]
    public void URL_passwords_are_masked_inside_the_URL(string value, string shown)
    {
        Assert.Equal(shown, SecretClassifier.Display("DATABASE_URL", value, markedSecret: false));
        Assert.Equal(value != shown, SecretClassifier.HasUrlPassword(value));
    }

    // The rule as written: any fragment anywhere, a suffix, KEY alone, or a whole segment. The classifier finds
    // fragments in one pass; this is the plain reading it must agree with.
    private static bool PlainRule(string name)
    {
        string upper = name.ToUpperInvariant();
        string[] fragments = { "PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "CREDENTIAL", "PRIVATE", "APIKEY", "API_KEY", "ACCESS_KEY", "SIGNATURE", "SALT", "CONNECTIONSTRING", "CONNECTION_STRING", "COOKIE", "SESSION_KEY" };
        string[] suffixes = { "_KEY", "_PWD", "_PASS", "_PAT", "_CERT" };
        string[] segments = { "AUTH", "AUTHORIZATION", "PWD", "PASS", "PAT", "DSN" };
        return System.Linq.Enumerable.Any(fragments, f => upper.Contains(f, System.StringComparison.Ordinal))
            || System.Linq.Enumerable.Any(suffixes, f => upper.EndsWith(f, System.StringComparison.Ordinal))
            || upper == "KEY"
            || System.Linq.Enumerable.Any(upper.Split('_', '-', '.'), segment => System.Array.IndexOf(segments, segment) >= 0);
    }

    [Fact]
    public void The_one_pass_name_check_agrees_with_the_rule_as_written()
    {
        // Names made of pieces that start fragments, overlap them and end them, in every case and separator, and
        // non-ASCII letters, some of which upper-case to ASCII ones (dotless i to I, long s to S): such a name takes
        // the invariant upper-casing, an ASCII one the ASCII path.
        string[] pieces = { "P", "PASS", "PASSW", "PASSWORD", "SS", "S", "SEC", "SECRET", "T", "TOK", "TOKEN", "C", "COOK", "COOKIE", "A", "API", "APIKEY", "API_KEY", "ACCESS", "KEY", "SALT", "SAL", "DSN", "PAT", "AUTH", "PRIVATE", "SESSION", "X", "1", "p", "secret", "Pass", "_", "-", ".", "CERT", "_CER", "Y", "D", "\u0131", "\u017f", "pa\u017f\u017fword", "\u00df", "\u00e9", "\u212a", "k\u0131" };
        var random = new System.Random(20261129);
        for (int i = 0; i < 20000; i++)
        {
            var name = new System.Text.StringBuilder();
            int count = random.Next(1, 6);
            for (int k = 0; k < count; k++)
            {
                name.Append(pieces[random.Next(pieces.Length)]);
            }

            string text = name.ToString();
            Assert.True(PlainRule(text) == SecretClassifier.IsSecretName(text), text);
        }
    }

    [Theory]
    [InlineData("PORT", "8080", false)]
    [InlineData("DB_PASSWORD", "hunter2", false)]
    [InlineData("NOTE", "hunter2", true)]
    [InlineData("DATABASE_URL", "postgres://u:p@h/db", false)]
    [InlineData("DATABASE_URL", "postgres://u@h/db?sslmode=require", false)]
    [InlineData("CONN", "Server=x;Password=y;User Id=z", false)]
    [InlineData("KEYFILE", "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----", false)]
    [InlineData("PLAIN", "a=b", false)]
    public void What_an_entry_shows_is_the_display_value_and_secret_flag(string name, string value, bool marked)
    {
        ConfigValue Make() => new(name, value, marked, ConfigSource.FromProcessEnvironment(name), System.Array.Empty<ConfigSource>());
        Assert.Equal(Make().DisplayValue, Make().Shown(plainText: false, out bool secret));
        Assert.Equal(Make().IsSecret, secret);
        Assert.Equal(value, Make().Shown(plainText: true, out bool plainSecret));
        Assert.Equal(Make().IsSecret, plainSecret);
    }
}

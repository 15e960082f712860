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
}

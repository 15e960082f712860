using System;
using System.Text;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

public class EnvValueWriterTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("abc", "abc")]
    [InlineData("postgres://u@h:5432/db?x=1%2C", "'postgres://u@h:5432/db?x=1%2C'")]
    [InlineData("a.b/c:d@e%f+g,h=i-j_k", "a.b/c:d@e%f+g,h=i-j_k")]
    [InlineData("has space", "'has space'")]
    [InlineData("a#b", "'a#b'")]
    [InlineData("$HOME", "'$HOME'")]
    [InlineData("back\\slash", "'back\\slash'")]
    [InlineData("say \"hi\"", "'say \"hi\"'")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("ends\\", "\"ends\\\\\"")]
    [InlineData("a\nb", "\"a\\nb\"")]
    [InlineData("a\r\nb", "\"a\\r\\nb\"")]
    [InlineData("it's $HOME \"q\" \\", "\"it's \\$HOME \\\"q\\\" \\\\\"")]
    [InlineData("\u00fcber", "'\u00fcber'")]
    public void FormatPicksTheSafestForm(string value, string expected)
    {
        Assert.Equal(expected, EnvValueWriter.Format(value));
        Assert.Equal(value, EnvDocument.Parse("K=" + expected).Find("K")!.Value);
    }

    [Fact]
    public void FormattedValuesInterpolateToThemselves()
    {
        foreach (string value in new[] { "$HOME", "it's $HOME", "${X:-y}", "$$", "a\\$b\n" })
        {
            EnvEntry entry = EnvDocument.Parse("K=" + EnvValueWriter.Format(value)).Find("K")!;
            Assert.Equal(value, EnvInterpolator.Interpolate(entry, _ => "WRONG", null));
        }
    }

    private const string Alphabet = "aZ09_./:@%+,=- \t'\"\\#$\n\r{}()!`~\u00e9\u4e2d\u00a0\v\f";

    [Fact]
    public void AnyStringRoundTripsThroughParse()
    {
        var random = new Random(20261123);
        for (int i = 0; i < 20000; i++)
        {
            string value = RandomValue(random, loneSurrogates: true);
            string token = EnvValueWriter.Format(value);
            EnvDocument doc = EnvDocument.Parse("X=1\nK=" + token + "\nY=2");
            Assert.Equal(value, doc.Find("K")!.Value);
            Assert.Equal("2", doc.Find("Y")!.Value);
        }
    }

    internal static string RandomValue(Random random, bool loneSurrogates = false)
    {
        int length = random.Next(0, 24);
        var sb = new StringBuilder(length);
        for (int j = 0; j < length; j++)
        {
            int pick = random.Next(loneSurrogates ? 11 : 10);
            if (pick < 7)
            {
                sb.Append(Alphabet[random.Next(Alphabet.Length)]);
            }
            else if (pick < 9)
            {
                sb.Append((char)random.Next(0x20, 0xD800));
            }
            else if (pick < 10)
            {
                sb.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000)));
            }
            else
            {
                sb.Append((char)random.Next(0xD800, 0xE000));
            }
        }

        return sb.ToString();
    }
}

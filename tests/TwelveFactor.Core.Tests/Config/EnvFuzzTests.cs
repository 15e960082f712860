using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

/// <summary>Seeded property tests: documents generated from the grammar, and random garbage.</summary>
public class EnvFuzzTests
{
    private const string Blanks = " \t";
    private const string KeyChars = "ABCXYZabcxyz0189_.-[]\u00e9";
    private const string ValueChars = "abcXYZ019_-./:@$#{}()!=\"'\\%+,\u00e9\u4e2d";

    /// <summary>A generated document with the entries it must parse to.</summary>
    private sealed class Generated
    {
        public StringBuilder Text { get; } = new();

        public List<(string Key, string? Value, EnvQuote Quote, bool Secret)> Expected { get; } = new();
    }

    private static string Pick(Random r, string chars, int min, int max)
    {
        int n = r.Next(min, max + 1);
        var sb = new StringBuilder(n);
        for (int i = 0; i < n; i++)
        {
            sb.Append(chars[r.Next(chars.Length)]);
        }

        return sb.ToString();
    }

    private static string Key(Random r)
    {
        string key = Pick(r, KeyChars, 1, 8);
        return key;
    }

    private static (string Token, string Value, EnvQuote Quote) Value(Random r, string newLine)
    {
        switch (r.Next(3))
        {
            case 0:
            {
                // Unquoted: no leading quote, no blank before '#', no blank at either end.
                var sb = new StringBuilder();
                int n = r.Next(0, 12);
                for (int i = 0; i < n; i++)
                {
                    char c = r.Next(6) == 0 && sb.Length > 0 && i < n - 1 ? ' ' : ValueChars[r.Next(ValueChars.Length)];
                    if (sb.Length == 0 && c is '"' or '\'')
                    {
                        c = 'q';
                    }

                    if (c == '#' && sb.Length > 0 && sb[^1] == ' ')
                    {
                        c = 'h';
                    }

                    sb.Append(c);
                }

                return (sb.ToString(), sb.ToString(), EnvQuote.None);
            }

            case 1:
            {
                var token = new StringBuilder("'");
                var value = new StringBuilder();
                int n = r.Next(0, 8);
                for (int i = 0; i < n; i++)
                {
                    switch (r.Next(6))
                    {
                        case 0: token.Append("\\'"); value.Append('\''); break;
                        case 1: token.Append("\\\\"); value.Append("\\\\"); break;
                        case 2: token.Append("\\n"); value.Append("\\n"); break;
                        case 3: token.Append(newLine); value.Append(newLine); break;
                        default:
                            string plain = Pick(r, ValueChars.Replace("'", string.Empty, StringComparison.Ordinal).Replace("\\", string.Empty, StringComparison.Ordinal) + " #", 1, 4);
                            token.Append(plain);
                            value.Append(plain);
                            break;
                    }
                }

                return (token.Append('\'').ToString(), value.ToString(), EnvQuote.Single);
            }

            default:
            {
                var token = new StringBuilder("\"");
                var value = new StringBuilder();
                int n = r.Next(0, 8);
                string[] escapes = { "\\n", "\\t", "\\\\", "\\\"", "\\$", "\\q", "\\'", "\\a", "\\v", "\\0101", "\\01x" };
                string[] results = { "\n", "\t", "\\", "\"", "$", "\\q", "\\'", "\a", "\v", "A", "\\01x" };
                for (int i = 0; i < n; i++)
                {
                    int k = r.Next(escapes.Length + 4);
                    if (k < escapes.Length)
                    {
                        token.Append(escapes[k]);
                        value.Append(results[k]);
                    }
                    else if (k == escapes.Length)
                    {
                        token.Append(newLine);
                        value.Append(newLine);
                    }
                    else
                    {
                        string plain = Pick(r, ValueChars.Replace("\"", string.Empty, StringComparison.Ordinal).Replace("\\", string.Empty, StringComparison.Ordinal) + " #", 1, 4);
                        token.Append(plain);
                        value.Append(plain);
                    }
                }

                return (token.Append('"').ToString(), value.ToString(), EnvQuote.Double);
            }
        }
    }

    private static Generated Document(Random r)
    {
        var g = new Generated();
        string newLine = r.Next(2) == 0 ? "\n" : "\r\n";
        int lines = r.Next(0, 12);
        bool annotated = false;
        for (int i = 0; i < lines; i++)
        {
            bool wasAnnotated = annotated;
            annotated = false;
            switch (r.Next(7))
            {
                case 0:
                    g.Text.Append(Pick(r, Blanks, 0, 3));
                    break;
                case 1:
                    g.Text.Append(Pick(r, Blanks, 0, 2)).Append('#').Append(Pick(r, ValueChars + " ", 0, 10));
                    break;
                case 2:
                    g.Text.Append(EnvDocument.SecretAnnotation).Append(Pick(r, Blanks, 0, 1));
                    annotated = true;
                    break;
                case 3:
                {
                    string key = Key(r);
                    g.Text.Append(Pick(r, Blanks, 0, 2)).Append(key).Append(Pick(r, Blanks, 0, 2));
                    g.Expected.Add((key, null, EnvQuote.None, wasAnnotated));
                    break;
                }

                default:
                {
                    string key = Key(r);
                    (string token, string value, EnvQuote quote) = Value(r, newLine);
                    g.Text.Append(Pick(r, Blanks, 0, 2));
                    if (r.Next(4) == 0)
                    {
                        g.Text.Append("export").Append(Pick(r, Blanks, 1, 2));
                    }

                    g.Text.Append(key).Append(Pick(r, Blanks, 0, 2)).Append(r.Next(4) == 0 ? ':' : '=')
                        .Append(Pick(r, Blanks, 0, 2)).Append(token);
                    // An empty unquoted value followed by " # c" reads "# c" in compose (tested elsewhere).
                    if (r.Next(3) == 0 && (quote != EnvQuote.None || token.Length > 0))
                    {
                        g.Text.Append(Pick(r, Blanks, quote == EnvQuote.None ? 1 : 0, 2)).Append('#').Append(Pick(r, ValueChars + " ", 0, 6));
                    }
                    else if (quote != EnvQuote.None || token.Length > 0)
                    {
                        g.Text.Append(Pick(r, Blanks, 0, 2));
                    }

                    g.Expected.Add((key, value, quote, wasAnnotated));
                    break;
                }
            }

            if (i < lines - 1 || r.Next(2) == 0)
            {
                g.Text.Append(newLine);
            }
        }

        return g;
    }

    [Fact]
    public void GeneratedDocumentsParseAsBuiltAndRenderByteForByte()
    {
        var random = new Random(12345);
        for (int iteration = 0; iteration < 5000; iteration++)
        {
            Generated g = Document(random);
            string text = g.Text.ToString();
            EnvDocument doc = EnvDocument.Parse(text);
            Assert.Equal(text, doc.Render());
            Assert.Equal(g.Expected.Count, doc.Entries.Count);
            for (int i = 0; i < g.Expected.Count; i++)
            {
                EnvEntry e = doc.Entries[i];
                Assert.Equal(g.Expected[i].Key, e.Key);
                Assert.Equal(g.Expected[i].Value, e.Value);
                Assert.Equal(g.Expected[i].Quote, e.Quote);
                Assert.Equal(g.Expected[i].Secret, e.IsSecretMarked);
            }
        }
    }

    [Fact]
    public void RandomEditsChangeOnlyTheirKey()
    {
        var random = new Random(777);
        for (int iteration = 0; iteration < 3000; iteration++)
        {
            string text = Document(random).Text.ToString();
            EnvDocument doc = EnvDocument.Parse(text);
            Dictionary<string, string?> before = LastValues(doc);
            string key = doc.Entries.Count > 0 && random.Next(3) > 0
                ? doc.Entries[random.Next(doc.Entries.Count)].Key
                : Key(random);
            string value = EnvValueWriterTests.RandomValue(random, loneSurrogates: true);
            bool remove = random.Next(4) == 0;

            if (remove)
            {
                Assert.Equal(before.ContainsKey(key), doc.Remove(key));
                before.Remove(key);
            }
            else
            {
                doc.SetValue(key, value, markSecret: random.Next(2) == 0);
                before[key] = value;
            }

            EnvDocument reparsed = EnvDocument.Parse(doc.Render());
            Assert.Equal(before, LastValues(reparsed));
            Assert.Equal(doc.Render(), reparsed.Render());
        }
    }

    private static Dictionary<string, string?> LastValues(EnvDocument doc) =>
        doc.Entries.GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    [Fact]
    public void RandomTextGivesEntriesOrASyntaxErrorOnly()
    {
        var random = new Random(4242);
        const string Alphabet = "AB_=:#'\"\\ \t\r\n$e{}x\u00e9";
        for (int iteration = 0; iteration < 20000; iteration++)
        {
            string text = iteration % 2 == 0
                ? Pick(random, Alphabet, 0, 40)
                : EnvValueWriterTests.RandomValue(random, loneSurrogates: true);
            try
            {
                EnvDocument doc = EnvDocument.Parse(text, "fuzz.env");
                Assert.Equal(text, doc.Render());
                foreach (EnvEntry e in doc.Entries)
                {
                    try
                    {
                        EnvInterpolator.Interpolate(e, n => n.Length % 2 == 0 ? null : "v", "fuzz.env");
                    }
                    catch (EnvFileSyntaxException ex)
                    {
                        Assert.Equal("fuzz.env", ex.File);
                    }
                }
            }
            catch (EnvFileSyntaxException ex)
            {
                Assert.Equal("fuzz.env", ex.File);
                Assert.InRange(ex.Line, 1, text.Count(c => c == '\n') + 1);
                Assert.InRange(ex.Column, 1, text.Length + 1);
            }
        }
    }

    [Fact]
    public void RandomBytesGiveTextOrASyntaxErrorOnly()
    {
        var random = new Random(99);
        int decoded = 0;
        for (int iteration = 0; iteration < 20000; iteration++)
        {
            byte[] bytes = new byte[random.Next(0, 48)];
            random.NextBytes(bytes);
            if (iteration % 2 == 0)
            {
                // Mostly ASCII so that the parser, not only the decoder, sees the input.
                for (int i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = (byte)(bytes[i] % 0x7F == 0 ? 0x0A : bytes[i] % 0x7F);
                }
            }

            try
            {
                EnvFileText text = EnvFileCodec.Decode(bytes, "b.env");
                Assert.Equal(bytes, EnvFileCodec.Encode(text));
                decoded++;
                EnvDocument.Parse(text.Text, "b.env");
            }
            catch (EnvFileSyntaxException ex)
            {
                Assert.Equal("b.env", ex.File);
            }
        }

        Assert.True(decoded > 1000, $"only {decoded} inputs got past the decoder");
    }
}

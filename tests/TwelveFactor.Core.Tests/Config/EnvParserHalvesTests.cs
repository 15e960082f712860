using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

/// <summary>
/// A large env file is parsed in chunks on several threads at once (EnvParser.ParseInChunks; ParseInHalves is two
/// chunks): at every line start, and every set of line starts, it could split at, it must give exactly what the
/// one-pass parser gives, entry for entry (offsets, lines, columns, annotations) or error for error, since a chunk
/// counts only when the chunks before it end where it begins.
/// </summary>
public sealed class EnvParserHalvesTests
{
    // Lines and groups of lines that make a split land inside a statement, after an annotation, between a comment
    // and its statement, on a CRLF, or before an error.
    private static readonly string[] Pieces =
    {
        "A=1\n", "export B = two words # note\n", "C='single $A'\n", "D=\"esc\\n\\\"q\\\"\"\n",
        "E=\"two\nlines\"\n", "F='three\n# tf:secret\nlines'\n", "G=\"# tf:secret\n\"\n", "# tf:secret\n",
        "# tf:secret\nH=marked\n", "# comment\n", "\n", "  \t\n", "I=${A}-x\n", "J=crlf\r\n", "# tf:secret\r\n",
        "K\n", "L=\n", "M=\"a\nb\nc\nd\"\n", "   # tf:secret   \n", "N='\n'\n",
    };

    private static readonly string[] Errors = { "BAD LINE\n", "O=\"unterminated\n", "P='x' trailing\n", "=novalue\n" };

    [Fact]
    public void Every_split_point_gives_what_one_pass_gives()
    {
        var random = new Random(20261129);
        for (int doc = 0; doc < 300; doc++)
        {
            var text = new StringBuilder();
            int count = random.Next(2, 14);
            for (int i = 0; i < count; i++)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            if (doc % 5 == 0)
            {
                // An error somewhere, and sometimes the text ends without a line break.
                text.Insert(LineStarts(text.ToString()).ElementAt(random.Next(LineStarts(text.ToString()).Count())), Errors[random.Next(Errors.Length)]);
            }

            if (doc % 7 == 0 && text.Length > 0 && text[^1] == '\n')
            {
                text.Length--;
            }

            AssertSameAtEverySplit(text.ToString());
        }
    }

    [Theory]
    [InlineData("A=1\n# tf:secret\nB=2\n")]
    [InlineData("A=\"x\n# tf:secret\"\nB=2\n")]
    [InlineData("A='x\n\nB=2\n'\nC=3\n")]
    [InlineData("A=1\r\n# tf:secret\r\nB=2\r\n")]
    [InlineData("A=1\nB=\"never closed\nC=3\nD=4\n")]
    [InlineData("A=1\nBAD LINE\nC=3\nBAD TOO\n")]
    public void Splits_in_the_awkward_places_give_what_one_pass_gives(string text) => AssertSameAtEverySplit(text);

    [Fact]
    public void A_second_half_no_thread_takes_is_read_by_the_first_parser()
    {
        // A thread pool too busy to start the second half before the first is done: the first reads on alone.
        const string Text = "A=1\n# tf:secret\nB=\"x\ny\"\nC=3\nD=4\nBAD LINE\n";
        foreach (string text in new[] { Text, Text.Replace("BAD LINE\n", string.Empty, StringComparison.Ordinal) })
        {
            string expected = Describe(() => OnePass(text));
            foreach (int split in LineStarts(text))
            {
                Assert.Equal(expected, Describe(() => EnvParser.ParseInHalves(text, "f.env", split, work => new System.Threading.Tasks.Task(work))));

                // And one that ran it before the first half began.
                Assert.Equal(expected, Describe(() => EnvParser.ParseInHalves(text, "f.env", split, work => { work(); return System.Threading.Tasks.Task.CompletedTask; })));
            }
        }
    }

    [Fact]
    public void Every_set_of_chunk_starts_gives_what_one_pass_gives_whoever_takes_the_chunks()
    {
        var random = new Random(20261130);
        Func<Action, System.Threading.Tasks.Task>?[] schedules =
        {
            null,
            work => new System.Threading.Tasks.Task(work),
            work => { work(); return System.Threading.Tasks.Task.CompletedTask; },
        };
        for (int doc = 0; doc < 400; doc++)
        {
            var text = new StringBuilder();
            int pieces = random.Next(3, 16);
            for (int i = 0; i < pieces; i++)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            if (doc % 3 == 0)
            {
                // One or two errors, in any chunk.
                for (int e = 0; e < 1 + (doc % 2); e++)
                {
                    var at = LineStarts(text.ToString()).Prepend(0).ToList();
                    text.Insert(at[random.Next(at.Count)], Errors[random.Next(Errors.Length)]);
                }
            }

            string body = text.ToString();
            string expected = Describe(() => OnePass(body));
            var lineStarts = LineStarts(body).ToList();
            for (int trial = 0; trial < 6 && lineStarts.Count > 0; trial++)
            {
                int[] starts = lineStarts.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(5, lineStarts.Count + 1))).OrderBy(s => s).Prepend(0).ToArray();
                var schedule = schedules[trial % schedules.Length];
                Assert.True(expected == Describe(() => EnvParser.ParseInChunks(body, "f.env", starts, schedule)), $"starts {string.Join(",", starts)} of {Escape(body)}");
            }
        }
    }

    [Fact]
    public void A_large_file_is_parsed_in_chunks_to_the_same_entries_and_errors()
    {
        // Several chunks (EnvParser.ChunkChars each), with quoted values over several lines and annotations
        // all through, and then an error near the end, where a later chunk finds it.
        var text = new StringBuilder();
        for (int i = 0; text.Length < (3 * EnvParser.ChunkChars) + 1000; i++)
        {
            text.Append(Pieces[i % Pieces.Length]).Append("KEY_").Append(i).Append("=value ").Append(i).Append('\n');
        }

        string body = text.ToString();
        Assert.Equal(Describe(() => OnePass(body)), Describe(() => EnvParser.Parse(body, "big.env")));
        string broken = body + "LATE BAD LINE\n" + body[..1000];
        string error = Describe(() => OnePassLarge(broken));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Equal(error, Describe(() => EnvParser.Parse(broken, "f.env")));
    }

    [Fact]
    public void A_large_file_is_parsed_in_halves_to_the_same_entries()
    {
        var text = new StringBuilder();
        for (int i = 0; text.Length < EnvParser.HalvesFromChars + 1000; i++)
        {
            text.Append(Pieces[i % Pieces.Length]).Append("KEY_").Append(i).Append("=value ").Append(i).Append('\n');
        }

        string body = text.ToString();
        Assert.Equal(Describe(() => OnePass(body)), Describe(() => EnvParser.Parse(body, "big.env")));
    }

    private static IEnumerable<int> LineStarts(string text)
    {
        for (int i = 1; i < text.Length; i++)
        {
            if (text[i - 1] == '\n')
            {
                yield return i;
            }
        }
    }

    private static void AssertSameAtEverySplit(string text)
    {
        string expected = Describe(() => OnePass(text));
        foreach (int split in LineStarts(text))
        {
            Assert.True(expected == Describe(() => EnvParser.ParseInHalves(text, "f.env", split)), $"split at {split} of {Escape(text)}");
        }
    }

    // Below the halves threshold, Parse is the one-pass parser.
    private static List<EnvEntry> OnePass(string text)
    {
        return text.Length < EnvParser.HalvesFromChars ? EnvParser.Parse(text, "f.env") : OnePassLarge(text);
    }

    // A large text parsed in one pass: one chunk, which reads it all.
    private static List<EnvEntry> OnePassLarge(string text) => EnvParser.ParseInChunks(text, "f.env", new[] { 0 });

    private static string Describe(Func<List<EnvEntry>> parse)
    {
        try
        {
            return string.Join("\n", parse().Select(e =>
                $"{e.Key}|{e.Value}|{e.Quote}|{e.Line}:{e.Column}|{e.ValueLine}:{e.ValueColumn}|{e.HasExport}|{e.IsSecretMarked}|{e.Span}|{e.InterpolationSource}"));
        }
        catch (EnvFileSyntaxException ex)
        {
            return "error: " + ex.Message;
        }
    }

    private static string Escape(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

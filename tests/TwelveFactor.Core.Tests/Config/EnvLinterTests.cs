using System;
using System.Collections.Generic;
using System.Linq;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

public class EnvLinterTests
{
    private static List<LintFinding> Lint(string text) => EnvLinter.Lint(EnvDocument.Parse(text, "a.env"), null).ToList();

    private static string Summary(string text) =>
        string.Join("; ", Lint(text).Select(f => $"{f.Line}:{f.Column} {f.Rule} {f.Key}"));

    [Fact]
    public void CleanFileHasNoFindings()
    {
        Assert.Empty(Lint("# settings\nAPP_NAME=shop\nPORT=8080\n\nDB_HOST=db.internal\nDB_PASSWORD=s3cret\n"));
    }

    [Theory]
    [InlineData("A=1\nB=2\nA=3\n", "3:1 DuplicatedKey A")]
    [InlineData("Abc=1\n", "1:1 LowercaseKey Abc")]
    [InlineData("A =1\n", "1:3 SpaceCharacter A")]
    [InlineData("A= 1\n", "1:2 SpaceCharacter A")]
    [InlineData("A=   \n", "1:3 TrailingWhitespace A")]
    [InlineData("1A=1\n", "1:1 LeadingCharacter 1A")]
    [InlineData("-A=1\n", "1:1 LeadingCharacter -A")]
    [InlineData("  A=1\n", "1:1 LeadingCharacter A")]
    [InlineData("B=1\nA=2\n", "2:1 UnorderedKey A")]
    [InlineData("B=1\n\nA=2\n", "")]
    [InlineData("B=1\n# comment\nA=2\n", "3:1 UnorderedKey A")]
    [InlineData("A=1  \n# c \t\n", "1:4 TrailingWhitespace A; 2:4 TrailingWhitespace ")]
    [InlineData("A=1", "1:4 EndingBlankLine ")]
    [InlineData("A=1\n\n\n\nB=2\n", "3:1 ExtraBlankLine ; 4:1 ExtraBlankLine ")]
    [InlineData("A\n", "1:1 KeyWithoutValue A")]
    [InlineData("A=${B\n", "1:3 SubstitutionKey A")]
    [InlineData("A=\"${}\"\n", "1:3 PortabilityQuoted A; 1:3 SubstitutionKey A")]
    [InlineData("A='${}'\n", "1:3 PortabilityQuoted A")]
    [InlineData("A=a b\n", "1:3 ValueWithoutQuotes A")]
    [InlineData("A='abc'\n", "1:3 QuoteCharacter A; 1:3 PortabilityQuoted A")]
    [InlineData("A='a b'\n", "1:3 PortabilityQuoted A")]
    [InlineData("A=abc#def\n", "1:3 PortabilityHash A")]
    [InlineData("A= #def\n", "1:2 SpaceCharacter A; 1:4 PortabilityHash A")]
    [InlineData("A=\"say \\\"hi\\\"\"\n", "1:3 PortabilityQuoted A; 1:3 PortabilityEscapes A")]
    [InlineData("A=\"a\\nb\"\n", "1:3 PortabilityQuoted A")]
    [InlineData("A=${B:-def}\n", "1:3 PortabilityExpansion A")]
    [InlineData("A=$$\n", "1:3 PortabilityExpansion A")]
    [InlineData("A=$5\n", "")]
    [InlineData("A=\"x\ny  \n  \n\nz\"\nB=1\n", "1:3 PortabilityQuoted A")]
    public void Rules(string text, string expected)
    {
        Assert.Equal(expected, Summary(text));
    }

    [Fact]
    public void CrlfLinesAreNotTrailingWhitespace()
    {
        Assert.Empty(Lint("A=1\r\nB=2\r\n"));
        Assert.Equal("1:4 TrailingWhitespace A", Summary("A=1 \r\nB=2\r\n"));
    }

    [Fact]
    public void FindingsCarryFileSeverityAndMessagesWithoutValues()
    {
        const string Secret = "hunter2";
        string text = $"b_token = 'x {Secret}#' \nb_token={Secret}#x\nTOKEN=\"{Secret}\\t${{X:-{Secret}}}\"\nK=${{{Secret}\n";
        List<LintFinding> findings = EnvLinter.Lint(EnvDocument.Parse(text), "given.env").ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f =>
        {
            Assert.Equal("given.env", f.File);
            Assert.DoesNotContain(Secret, f.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, f.ToString(), StringComparison.Ordinal);
        });

        LintFinding bad = Assert.Single(findings, f => f.Rule == EnvLinter.SubstitutionKey);
        Assert.Equal(FindingSeverity.Error, bad.Severity);
        Assert.Equal("The K value has a bad substitution: a '${' has no closing brace", bad.Message);
        Assert.Equal("given.env:4:3: Error SubstitutionKey: The K value has a bad substitution: a '${' has no closing brace", bad.ToString());

        LintFinding hash = Assert.Single(findings, f => f.Rule == EnvLinter.PortabilityHash);
        Assert.Contains("Node dotenv", hash.Message, StringComparison.Ordinal);
        Assert.Contains("docker run --env-file", hash.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileNameFallsBackToTheDocuments()
    {
        LintFinding f = Assert.Single(EnvLinter.Lint(EnvDocument.Parse("a=1\n", "doc.env"), null));
        Assert.Equal("doc.env", f.File);
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Equal("The a key should be in uppercase", f.Message);
    }

    [Fact]
    public void LintNeverThrowsOnGeneratedDocuments()
    {
        var random = new Random(31);
        for (int i = 0; i < 3000; i++)
        {
            string text;
            EnvDocument doc;
            try
            {
                text = EnvValueWriterTests.RandomValue(random).Replace('\0', ' ');
                doc = EnvDocument.Parse(text);
            }
            catch (EnvFileSyntaxException)
            {
                continue;
            }

            foreach (LintFinding f in EnvLinter.Lint(doc, "r.env"))
            {
                Assert.InRange(f.Line, 1, text.Count(c => c == '\n') + 1);
                Assert.True(f.Column >= 1);
            }
        }
    }
}

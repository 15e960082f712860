using System.Linq;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

public class EnvDocumentParseTests
{
    private static EnvEntry Single(string text)
    {
        EnvDocument doc = EnvDocument.Parse(text);
        return Assert.Single(doc.Entries);
    }

    [Theory]
    [InlineData("A=abc", "abc")]
    [InlineData("A=abc#def", "abc#def")]
    [InlineData("A=abc #def", "abc")]
    [InlineData("A=abc\t#def", "abc")]
    [InlineData("A= #c", "#c")]
    [InlineData("A=  spaced value  ", "spaced value")]
    [InlineData("A=", "")]
    [InlineData("A=   ", "")]
    [InlineData("A==x", "=x")]
    [InlineData("A=a\\nb", "a\\nb")]
    [InlineData("A=$(echo hi)", "$(echo hi)")]
    [InlineData("A=${B:-def}", "${B:-def}")]
    [InlineData("A: yaml", "yaml")]
    [InlineData("A:b=c", "b=c")]
    [InlineData("A=b:c", "b:c")]
    [InlineData("  A  =  b  ", "b")]
    public void UnquotedValues(string line, string expected)
    {
        EnvEntry e = Single(line);
        Assert.Equal("A", e.Key);
        Assert.Equal(expected, e.Value);
        Assert.Equal(EnvQuote.None, e.Quote);
        Assert.True(e.Interpolate);
    }

    [Theory]
    [InlineData("A='a\\nb'", "a\\nb")]
    [InlineData("A='it\\'s'", "it's")]
    [InlineData("A='x' # c", "x")]
    [InlineData("A='x'#c", "x")]
    [InlineData("A='a\\\\'", "a\\\\")]
    [InlineData("A='$HOME ${X}'", "$HOME ${X}")]
    [InlineData("A='  pad  '", "  pad  ")]
    [InlineData("A=''", "")]
    [InlineData("A='has \"double\"'", "has \"double\"")]
    public void SingleQuotedValues(string line, string expected)
    {
        EnvEntry e = Single(line);
        Assert.Equal(expected, e.Value);
        Assert.Equal(EnvQuote.Single, e.Quote);
        Assert.False(e.Interpolate);
    }

    [Theory]
    [InlineData("A=\"x\" # c", "x")]
    [InlineData("A=\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("A=\"a\\nb\"", "a\nb")]
    [InlineData("A=\"\\a\\b\\f\\n\\r\\t\\v\"", "\a\b\f\n\r\t\v")]
    [InlineData("A=\"back\\\\slash\"", "back\\slash")]
    [InlineData("A=\"\\$HOME\"", "$HOME")]
    [InlineData("A=\"\\q\\x\\0\"", "\\q\\x\\0")]
    [InlineData("A=\"Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z\"", "Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ")]
    [InlineData("A=\"\\0377|\\01|\\0400|\\0128|\\01234\"", "\u00ff|\\01|\\0400|\\0128|S4")]
    [InlineData("A=\"\\x07\\u12e4\"", "\\x07\\u12e4")]
    [InlineData("A=\"it's\"", "it's")]
    [InlineData("A=\"ends\\\\\"", "ends\\")]
    [InlineData("A=\"\"", "")]
    [InlineData("A=\"# not a comment\"", "# not a comment")]
    public void DoubleQuotedValues(string line, string expected)
    {
        EnvEntry e = Single(line);
        Assert.Equal(expected, e.Value);
        Assert.Equal(EnvQuote.Double, e.Quote);
        Assert.True(e.Interpolate);
    }

    [Fact]
    public void MultiLineQuotedValuesKeepTheirLineBreaksAndCountLines()
    {
        EnvDocument doc = EnvDocument.Parse("A=\"one\ntwo\"\nB='x\ny\nz'\nC=3\n");
        Assert.Equal(new[] { "A", "B", "C" }, doc.Entries.Select(e => e.Key));
        Assert.Equal("one\ntwo", doc.Find("A")!.Value);
        Assert.Equal("x\ny\nz", doc.Find("B")!.Value);
        Assert.Equal(3, doc.Find("B")!.Line);
        Assert.Equal(6, doc.Find("C")!.Line);
    }

    [Fact]
    public void CrlfIsAcceptedAndTheCrIsNotPartOfTheValue()
    {
        EnvDocument doc = EnvDocument.Parse("A=1\r\nB='two'\r\nC\r\nD=\"x\"  \r\n");
        Assert.Equal("1", doc.Find("A")!.Value);
        Assert.Equal("two", doc.Find("B")!.Value);
        Assert.Null(doc.Find("C")!.Value);
        Assert.Equal("x", doc.Find("D")!.Value);
        Assert.Equal("\r\n", doc.NewLine);
    }

    [Fact]
    public void NewLineDefaultsToLf()
    {
        Assert.Equal("\n", EnvDocument.Parse("A=1").NewLine);
        Assert.Equal("\n", EnvDocument.Parse("A=1\nB=2\r\n").NewLine);
    }

    [Fact]
    public void ExportPrefixNeedsWhitespaceAndAKey()
    {
        EnvDocument doc = EnvDocument.Parse("export A=1\nexport=2\nexport\t B=3\nexport\nexport =4\n");
        Assert.Collection(
            doc.Entries,
            e => { Assert.Equal("A", e.Key); Assert.True(e.HasExport); Assert.Equal(8, e.Column); },
            e => { Assert.Equal("export", e.Key); Assert.False(e.HasExport); Assert.Equal("2", e.Value); },
            e => { Assert.Equal("B", e.Key); Assert.True(e.HasExport); Assert.Equal("3", e.Value); },
            e => { Assert.Equal("export", e.Key); Assert.Null(e.Value); },
            e => { Assert.Equal("export", e.Key); Assert.Equal("4", e.Value); });
    }

    [Fact]
    public void BareKeysHaveNullValues()
    {
        EnvDocument doc = EnvDocument.Parse("A\n  B  \nC");
        Assert.Equal(new[] { "A", "B", "C" }, doc.Entries.Select(e => e.Key));
        Assert.All(doc.Entries, e => Assert.Null(e.Value));
    }

    [Fact]
    public void KeysAllowComposeCharacters()
    {
        EnvDocument doc = EnvDocument.Parse("MY-KEY=1\na.b=2\nARR[0]=3\nÜber=4\n1X=5\n");
        Assert.Equal(new[] { "MY-KEY", "a.b", "ARR[0]", "Über", "1X" }, doc.Entries.Select(e => e.Key));
    }

    [Fact]
    public void CommentsAndBlankLinesAreSkipped()
    {
        EnvDocument doc = EnvDocument.Parse("# head\n\n   \n\t# indented comment\nA=1 # trailing\n#B=2\n");
        EnvEntry a = Assert.Single(doc.Entries);
        Assert.Equal("1", a.Value);
        Assert.Equal(5, a.Line);
    }

    [Fact]
    public void DuplicatesAreKeptAndTheLastWins()
    {
        EnvDocument doc = EnvDocument.Parse("A=1\nB=x\nA=2\n");
        Assert.Equal(3, doc.Entries.Count);
        Assert.Equal("2", doc.Find("A")!.Value);
        Assert.Equal(3, doc.Find("A")!.Line);
        Assert.Null(doc.Find("a"));
    }

    [Fact]
    public void PositionsAreOneBased()
    {
        EnvDocument doc = EnvDocument.Parse("\n  export KEY =  \"v\nw\"\nB=\n");
        EnvEntry key = doc.Find("KEY")!;
        Assert.Equal(2, key.Line);
        Assert.Equal(10, key.Column);
        Assert.Equal(2, key.ValueLine);
        Assert.Equal(17, key.ValueColumn);
        EnvEntry b = doc.Find("B")!;
        Assert.Equal(4, b.Line);
        Assert.Equal(3, b.ValueColumn);
    }

    [Fact]
    public void SecretAnnotationMarksOnlyTheLineDirectlyBelow()
    {
        EnvDocument doc = EnvDocument.Parse("# tf:secret\nA=1\nB=2\n# tf:secret  \n\nC=3\n  # tf:secret\r\nD=4\n# tf:secretive\nE=5\n");
        Assert.Equal(new[] { true, false, false, true, false }, doc.Entries.Select(e => e.IsSecretMarked));
        Assert.Equal("# tf:secret", EnvDocument.SecretAnnotation);
    }

    [Fact]
    public void EmptyAndWhitespaceOnlyDocumentsHaveNoEntries()
    {
        Assert.Empty(EnvDocument.Parse(string.Empty).Entries);
        Assert.Empty(EnvDocument.Parse("\n\r\n \t\n# only\n").Entries);
    }

    [Fact]
    public void InterpolationSourceKeepsEscapedDollarsLiteral()
    {
        EnvDocument doc = EnvDocument.Parse("A=\"\\$HOME and $USER\"\nB='$HOME'\nC=$HOME\n");
        Assert.Equal("$HOME and $USER", doc.Find("A")!.Value);
        Assert.Equal("$$HOME and $USER", doc.Find("A")!.InterpolationSource);
        Assert.Equal("$$HOME", doc.Find("B")!.InterpolationSource);
        Assert.Equal("$HOME", doc.Find("C")!.InterpolationSource);
    }
}

using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

public class EnvDocumentEditTests
{
    private static string Set(string text, string key, string value, bool markSecret = false)
    {
        EnvDocument doc = EnvDocument.Parse(text);
        doc.SetValue(key, value, markSecret);
        string rendered = doc.Render();
        Assert.Equal(value, EnvDocument.Parse(rendered).Find(key)!.Value);
        Assert.Equal(value, doc.Find(key)!.Value);
        return rendered;
    }

    [Theory]
    [InlineData("# c\nA=1\n\nB=2 # keep\n", "B", "3", "# c\nA=1\n\nB=3 # keep\n")]
    [InlineData("export  B :  'old'   # keep\r\nC=1\r\n", "B", "new", "export  B :  'new'   # keep\r\nC=1\r\n")]
    [InlineData("B=\"multi\nline\" # c\nC=1", "B", "x y", "B=\"x y\" # c\nC=1")]
    [InlineData("B=1\nB=2\n", "B", "3", "B=1\nB=3\n")]
    [InlineData("B='q'#c\n", "B", "plain", "B='plain'#c\n")]
    [InlineData("B=x # c\n", "B", "", "B='' # c\n")]
    [InlineData("B=x   \n", "B", "", "B=   \n")]
    [InlineData("B=x", "B", "it's $5\n", "B=\"it's \\$5\\n\"")]
    [InlineData("  B  \r\n", "B", "v", "  B=v  \r\n")]
    [InlineData("B=\r\n", "B", "v", "B=v\r\n")]
    public void SetValueReplacesOnlyTheValueToken(string text, string key, string value, string expected)
    {
        Assert.Equal(expected, Set(text, key, value));
    }

    [Theory]
    [InlineData("A=1\n", "A=1\nNEW=v\n")]
    [InlineData("A=1", "A=1\nNEW=v")]
    [InlineData("A=1\r\n", "A=1\r\nNEW=v\r\n")]
    [InlineData("A=1\r\n# end", "A=1\r\n# end\r\nNEW=v")]
    [InlineData("", "NEW=v\n")]
    public void SetValueAppendsInTheFilesStyle(string text, string expected)
    {
        Assert.Equal(expected, Set(text, "NEW", "v"));
    }

    [Fact]
    public void MarkSecretInsertsTheAnnotationOnce()
    {
        Assert.Equal("A=1\n# tf:secret\nTOKEN=abc\n", Set("A=1\nTOKEN=old\n", "TOKEN", "abc", markSecret: true));
        Assert.Equal("A=1\r\n# tf:secret\r\nTOKEN=abc\r\n", Set("A=1\r\n", "TOKEN", "abc", markSecret: true));
        Assert.Equal("# tf:secret\nTOKEN=abc\n", Set("# tf:secret\nTOKEN=old\n", "TOKEN", "abc", markSecret: true));
        Assert.Equal("# tf:secret\nTOKEN=abc\n", Set("# tf:secret\nTOKEN=old\n", "TOKEN", "abc", markSecret: false));
        Assert.Equal("A=1\n# tf:secret\nT=x", Set("A=1", "T", "x", markSecret: true));

        EnvDocument doc = EnvDocument.Parse("T=1\n");
        doc.SetValue("T", "2", markSecret: true);
        Assert.True(doc.Find("T")!.IsSecretMarked);
    }

    [Fact]
    public void SetValueRejectsInvalidKeysNamingTheKeyOnly()
    {
        EnvDocument doc = EnvDocument.Parse("A=1\n");
        var ex = Assert.Throws<System.ArgumentException>(() => doc.SetValue("BAD KEY", "s3cr3t-value"));
        Assert.Contains("BAD KEY", ex.Message, System.StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", ex.Message, System.StringComparison.Ordinal);
        Assert.Throws<System.ArgumentException>(() => doc.SetValue(string.Empty, "v"));
        Assert.Equal("A=1\n", doc.Render());
    }

    [Fact]
    public void RemoveDeletesEveryOccurrenceWithItsLinesAndAnnotation()
    {
        const string text =
            "# head\r\nA=1\r\n# tf:secret\r\nexport A=\"multi\r\nline\" # c\r\nB=2\r\n# about A\r\nA\r\n\r\nC=3";
        EnvDocument doc = EnvDocument.Parse(text);
        Assert.True(doc.Remove("A"));
        Assert.Equal("# head\r\nB=2\r\n# about A\r\n\r\nC=3", doc.Render());
        Assert.Null(doc.Find("A"));
        Assert.Equal(new[] { "B", "C" }, System.Linq.Enumerable.Select(doc.Entries, e => e.Key));
        Assert.False(doc.Remove("A"));
        Assert.Equal("# head\r\nB=2\r\n# about A\r\n\r\nC=3", doc.Render());
    }

    [Fact]
    public void RemoveTheLastLineWithoutFinalNewline()
    {
        EnvDocument doc = EnvDocument.Parse("A=1\nB=2");
        Assert.True(doc.Remove("B"));
        Assert.Equal("A=1\n", doc.Render());
    }

    [Fact]
    public void EditsComposeAndPositionsFollow()
    {
        EnvDocument doc = EnvDocument.Parse("A=1\nB=2\n");
        doc.SetValue("A", "line1\nline2");
        doc.SetValue("C", "3", markSecret: true);
        Assert.Equal("A=\"line1\\nline2\"\nB=2\n# tf:secret\nC=3\n", doc.Render());
        Assert.Equal(4, doc.Find("C")!.Line);
        doc.Remove("B");
        Assert.Equal("A=\"line1\\nline2\"\n# tf:secret\nC=3\n", doc.Render());
        Assert.Equal(3, doc.Find("C")!.Line);
    }
}

using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

public class EnvDocumentErrorTests
{
    [Theory]
    [InlineData("A=1\nB=\"open\nC=2\n", 2, 3, "the double-quoted value of key 'B' is not terminated")]
    [InlineData("A='open", 1, 3, "the single-quoted value of key 'A' is not terminated")]
    [InlineData("A='it\\'", 1, 3, "the single-quoted value of key 'A' is not terminated")]
    [InlineData("A=\"x\\\"", 1, 3, "the double-quoted value of key 'A' is not terminated")]
    [InlineData("\r\n  MY KEY=1\r\n", 2, 5, "the key 'MY KEY' contains a space")]
    [InlineData("A=1\ncorrect horse battery staple\n", 2, 8, "the line has blanks and no '=' (not KEY=VALUE); its text is not shown, since it may be a value")]
    [InlineData("MY KEY: 1", 1, 3, "the key 'MY KEY' contains a space")]
    [InlineData("A=1\nB$=2\n", 2, 2, "unexpected character '$' in the key name")]
    [InlineData("A\"=1", 1, 2, "unexpected character '\"' in the key name")]
    [InlineData("KEY # comment", 1, 5, "unexpected character '#' in the key name")]
    [InlineData("=value", 1, 1, "a key name is missing before the separator")]
    [InlineData("A=\"x\" y", 1, 7, "unexpected text after the closing quote of key 'A' (only a comment may follow)")]
    [InlineData("A='multi\nline' B=2", 2, 7, "unexpected text after the closing quote of key 'A' (only a comment may follow)")]
    [InlineData("A\u0001=1", 1, 2, "unexpected character 'U+0001' in the key name")]
    public void ErrorsCarryExactPositions(string text, int line, int column, string reason)
    {
        var ex = Assert.Throws<EnvFileSyntaxException>(() => EnvDocument.Parse(text, "app.env"));
        Assert.Equal("app.env", ex.File);
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Equal(reason, ex.Reason);
        Assert.Equal($"app.env:{line}:{column}: {reason}", ex.Message);
    }

    [Fact]
    public void MessageOmitsTheFileWhenThereIsNone()
    {
        var ex = Assert.Throws<EnvFileSyntaxException>(() => EnvDocument.Parse("A='x"));
        Assert.Null(ex.File);
        Assert.Equal("1:3: the single-quoted value of key 'A' is not terminated", ex.Message);
    }

    [Fact]
    public void InnerExceptionIsKept()
    {
        var inner = new System.InvalidOperationException("inner");
        var ex = new EnvFileSyntaxException("f", 1, 2, "r", inner);
        Assert.Same(inner, ex.InnerException);
        Assert.Equal("f:1:2: r", ex.Message);
    }
}

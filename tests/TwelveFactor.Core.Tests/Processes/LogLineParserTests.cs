using TwelveFactor.Core.Processes;

namespace TwelveFactor.Core.Tests.Processes;

public sealed class LogLineParserTests
{
    [Fact]
    public void AJsonLineGivesItsLevelAndFields()
    {
        var (level, fields) = LogLineParser.Parse("{\"level\":\"ERROR\",\"msg\":\"db down\",\"attempt\":3,\"ctx\":{\"a\":1}}");
        Assert.Equal("error", level);
        Assert.Equal("db down", fields["msg"]);
        Assert.Equal("3", fields["attempt"]);
        Assert.Equal("{\"a\":1}", fields["ctx"]);
    }

    [Fact]
    public void ALogfmtLineGivesItsLevelAndFields()
    {
        var (level, fields) = LogLineParser.Parse("lvl=warn msg=\"disk \\\"almost\\\" full\" free=3%");
        Assert.Equal("warn", level);
        Assert.Equal("disk \"almost\" full", fields["msg"]);
        Assert.Equal("3%", fields["free"]);
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("GET /index.html 200")]
    [InlineData("a=1")]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("msg=\"unterminated")]
    public void OtherLinesArePlainText(string line)
    {
        var (level, fields) = LogLineParser.Parse(line);
        Assert.Null(level);
        Assert.Empty(fields);
    }

    [Fact]
    public void AStructuredLineWithoutALevelKeepsItsFields()
    {
        var (level, fields) = LogLineParser.Parse("method=GET path=/ status=200");
        Assert.Null(level);
        Assert.Equal("200", fields["status"]);
    }
}

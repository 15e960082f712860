using TwelveFactor.Core.Parity;
using TwelveFactor.Core.ContinuousIntegration;

namespace TwelveFactor.Core.Tests.Parity;

public sealed class AzurePipelinesLoggerTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("100%", "100%AZP25")]
    [InlineData("%3B", "%AZP253B")]
    [InlineData("a;b", "a%3Bb")]
    [InlineData("line1\r\nline2", "line1%0D%0Aline2")]
    [InlineData("x]##vso[task.setvariable variable=a]b", "x%5D##vso[task.setvariable variable=a%5Db")]
    [InlineData("", "")]
    public void EscapesPercentFirstThenTheOthers(string input, string expected)
    {
        Assert.Equal(expected, AzurePipelinesEscaper.Escape(input));
    }

    [Fact]
    public void ErrorFindingWithSourceBecomesLogIssue()
    {
        var finding = new ParityFinding(
            ParityCheck.MissingKey, ParitySeverity.Error, new[] { "prod", "dev" }, "DEBUG_TOOLBAR",
            "DEBUG_TOOLBAR is set in dev but missing in prod; 100% sure]", "config/.env;dev", 12);

        Assert.Equal(
            "##vso[task.logissue type=error;sourcepath=config/.env%3Bdev;linenumber=12]MissingKey: DEBUG_TOOLBAR is set in dev but missing in prod%3B 100%AZP25 sure%5D",
            ParityLogIssue.Format(finding));
    }

    [Fact]
    public void WarningWithoutSourceHasNoSourceProperties()
    {
        var finding = new ParityFinding(ParityCheck.ReleaseDrift, ParitySeverity.Warning, new[] { "a", "b" }, null, "gap\nnext", null, 0);
        Assert.Equal("##vso[task.logissue type=warning]ReleaseDrift: gap%0Anext", ParityLogIssue.Format(finding));
    }

    [Fact]
    public void InformationHasNoLogIssue()
    {
        var finding = new ParityFinding(ParityCheck.ReleaseDrift, ParitySeverity.Information, new[] { "a" }, null, "info", "f", 1);
        Assert.Null(ParityLogIssue.Format(finding));
    }

    [Fact]
    public void LineNumberNeedsASourcePath()
    {
        Assert.Equal("##vso[task.logissue type=warning]m", AzurePipelinesLogger.FormatLogIssue(AzurePipelinesIssueType.Warning, "m", null, 5));
    }
}

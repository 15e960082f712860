using System;
using System.Collections.Generic;
using System.Text;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

/// <summary>No exception raised while reading an env file may carry a value's text.</summary>
public class EnvSecretLeakTests
{
    private const string Secret = "hunter2-S3CR3T";

    public static TheoryData<string> BadFiles => new()
    {
        $"TOKEN=\"{Secret}",
        $"TOKEN='{Secret}",
        $"TOKEN='{Secret}\\'",
        $"TOKEN=\"{Secret}\" {Secret}",
        $"TOKEN='x' {Secret}",
        $"MY TOKEN={Secret}",
        $"MY TOKEN : {Secret}",
        $"={Secret}",
        $":{Secret}",
        $"TOKEN\"{Secret}=1",
        $"A=1\nTOKEN=\"{Secret}\nmore {Secret}\n",
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void ParseErrorsDoNotContainValues(string text)
    {
        var ex = Assert.Throws<EnvFileSyntaxException>(() => EnvDocument.Parse(text, "secrets.env"));
        AssertClean(ex);
    }

    [Theory]
    [InlineData("${TOKEN:?TOKEN must be set}")]
    [InlineData("${MISSING:?compare with $TOKEN}")]
    [InlineData("${TOKEN:-x} ${")]
    [InlineData("${TOKEN/x}")]
    [InlineData("${TOKEN")]
    public void InterpolationErrorsDoNotContainValues(string value)
    {
        var env = new Dictionary<string, string> { ["TOKEN"] = string.Empty, ["OTHER"] = Secret };
        var ex = Assert.Throws<EnvFileSyntaxException>(
            () => EnvInterpolator.Interpolate(value + Secret.Replace("-", "$", StringComparison.Ordinal), n => env.GetValueOrDefault(n) ?? (n.StartsWith('S') ? Secret : null), "f", 1, 1));
        AssertClean(ex);
    }

    [Fact]
    public void CodecErrorsDoNotContainValues()
    {
        byte[] binary = Encoding.UTF8.GetBytes($"TOKEN={Secret}\0");
        AssertClean(Assert.Throws<EnvFileSyntaxException>(() => EnvFileCodec.Decode(binary, "f")));
        byte[] invalid = [.. Encoding.UTF8.GetBytes($"TOKEN={Secret}"), 0xFF];
        AssertClean(Assert.Throws<EnvFileSyntaxException>(() => EnvFileCodec.Decode(invalid, "f")));
    }

    private static void AssertClean(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("S3CR3T", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("S3CR3T", e.ToString(), StringComparison.Ordinal);
        }
    }
}

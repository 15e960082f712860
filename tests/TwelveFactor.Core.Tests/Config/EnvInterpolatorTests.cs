using System;
using System.Collections.Generic;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

public class EnvInterpolatorTests
{
    private static readonly Dictionary<string, string> Vars = new()
    {
        ["SET"] = "value",
        ["EMPTY"] = string.Empty,
        ["_under9"] = "u",
        ["NESTED"] = "$SET",
    };

    private static string? Lookup(string name) => Vars.TryGetValue(name, out string? v) ? v : null;

    private static string Run(string text) => EnvInterpolator.Interpolate(text, Lookup, "f.env", 3, 4);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("$SET", "value")]
    [InlineData("${SET}", "value")]
    [InlineData("a$SET.b", "avalue.b")]
    [InlineData("$SETx", "")]
    [InlineData("${SET}x", "valuex")]
    [InlineData("$UNSET", "")]
    [InlineData("$_under9!", "u!")]
    [InlineData("$NESTED", "$SET")]
    [InlineData("$$", "$")]
    [InlineData("$$SET", "$SET")]
    [InlineData("$", "$")]
    [InlineData("a$", "a$")]
    [InlineData("$5", "$5")]
    [InlineData("$(echo hi)", "$(echo hi)")]
    [InlineData("$-", "$-")]
    [InlineData("${UNSET:-def}", "def")]
    [InlineData("${EMPTY:-def}", "def")]
    [InlineData("${SET:-def}", "value")]
    [InlineData("${UNSET-def}", "def")]
    [InlineData("${EMPTY-def}", "")]
    [InlineData("${UNSET:-${SET}-$SET}", "value-value")]
    [InlineData("${UNSET:-${ALSO:-deep}}", "deep")]
    [InlineData("${UNSET:-a}b}", "ab}")]
    [InlineData("${UNSET:-$$}", "$")]
    [InlineData("${SET:+rep}", "rep")]
    [InlineData("${EMPTY:+rep}", "")]
    [InlineData("${EMPTY+rep}", "rep")]
    [InlineData("${UNSET+rep}", "")]
    [InlineData("${SET:?must}", "value")]
    [InlineData("${EMPTY?must}", "")]
    [InlineData("${UNSET:-}", "")]
    public void Expands(string text, string expected)
    {
        Assert.Equal(expected, Run(text));
    }

    [Theory]
    [InlineData("${")]
    [InlineData("${}")]
    [InlineData("${5}")]
    [InlineData("${ SET}")]
    [InlineData("${-x}")]
    [InlineData("${SET")]
    [InlineData("${SET:x}")]
    [InlineData("${SET:}")]
    [InlineData("${SET/a/b}")]
    [InlineData("${SET:-unclosed")]
    [InlineData("${SET:-${}}")]
    public void BadSubstitutionsThrowAtTheGivenPosition(string text)
    {
        var ex = Assert.Throws<EnvFileSyntaxException>(() => Run(text));
        Assert.StartsWith("bad substitution", ex.Reason, StringComparison.Ordinal);
        Assert.Equal("f.env", ex.File);
        Assert.Equal(3, ex.Line);
        Assert.Equal(4, ex.Column);
        Assert.NotNull(EnvInterpolator.Validate(text));
    }

    [Theory]
    [InlineData("${UNSET:?set UNSET first}", "required variable UNSET is missing a value: set UNSET first")]
    [InlineData("${EMPTY:?needed}", "required variable EMPTY is missing a value: needed")]
    [InlineData("${UNSET?}", "required variable UNSET is missing a value")]
    [InlineData("${UNSET:?uses $SET}", "required variable UNSET is missing a value: uses $SET")]
    public void RequiredVariablesFailWithTheUsersMessageButNoValues(string text, string reason)
    {
        var ex = Assert.Throws<EnvFileSyntaxException>(() => Run(text));
        Assert.Equal(reason, ex.Reason);
        Assert.DoesNotContain("value:", ex.Message.Replace("a value:", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void DoubleQuotedEscapedDollarStaysLiteral()
    {
        EnvDocument doc = EnvDocument.Parse("A=\"\\$SET is $SET, \\\\$SET\"\nB='$SET'\nC=$SET\nD\n");
        Assert.Equal("$SET is value, \\value", EnvInterpolator.Interpolate(doc.Find("A")!, Lookup, null));
        Assert.Equal("$SET", EnvInterpolator.Interpolate(doc.Find("B")!, Lookup, null));
        Assert.Equal("value", EnvInterpolator.Interpolate(doc.Find("C")!, Lookup, null));
        Assert.Null(EnvInterpolator.Interpolate(doc.Find("D")!, Lookup, null));

        // As in compose, a '$' written as an octal escape is expanded; only "\$" is literal.
        EnvEntry octal = EnvDocument.Parse("O=\"\\0044SET \\$SET\"").Find("O")!;
        Assert.Equal("$SET $SET", octal.Value);
        Assert.Equal("value $SET", EnvInterpolator.Interpolate(octal, Lookup, null));
    }

    [Fact]
    public void EntryErrorsPointAtTheValue()
    {
        EnvDocument doc = EnvDocument.Parse("\nA=  \"${X:?need X}\"\n");
        var ex = Assert.Throws<EnvFileSyntaxException>(() => EnvInterpolator.Interpolate(doc.Find("A")!, Lookup, "app.env"));
        Assert.Equal("app.env:2:5: required variable X is missing a value: need X", ex.Message);
    }

    [Fact]
    public void UntakenBranchesAreNotLookedUpButAreChecked()
    {
        var asked = new List<string>();
        string? Tracking(string n)
        {
            asked.Add(n);
            return Lookup(n);
        }

        Assert.Equal("value", EnvInterpolator.Interpolate("${SET:-$OTHER}", Tracking, null, 1, 1));
        Assert.Equal(new[] { "SET" }, asked);
    }

    [Fact]
    public void ReferencedNamesIncludesDefaultsInOrderWithoutDuplicates()
    {
        Assert.Equal(
            new[] { "A", "B", "C", "D" },
            EnvInterpolator.ReferencedNames("$A ${B:-$C} $$E ${A} ${D:?msg} $5"));
        Assert.Empty(EnvInterpolator.ReferencedNames("no refs $ $$X"));
        Assert.Equal(new[] { "A" }, EnvInterpolator.ReferencedNames("$A ${"));
    }
}

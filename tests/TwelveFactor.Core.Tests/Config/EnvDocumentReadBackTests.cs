using System.Linq;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

/// <summary>
/// The editor's read-back check after SetValue parses only the statement written (an edit of a 50 MB file must not
/// parse it twice), and what it then writes parses whole to exactly what was asked.
/// </summary>
public sealed class EnvDocumentReadBackTests
{
    [Theory]
    [InlineData("A=1\nB=\"two\nlines\"\nC=3\n", "B", "new\nvalue", false)]
    [InlineData("A=1\r\nB='x' # note\r\nC=3\r\n", "B", "it's # here", false)]
    [InlineData("A=1\nexport B=2\nC=3", "C", "last, no final break", true)]
    [InlineData("# tf:secret\nA=1\nB\nC=3\n", "B", "was bare", true)]
    [InlineData("A=1\nB=2\n\nX=1\nY=2\n", "XA", "sorted insert", false)]
    [InlineData("B=1\nA=2\n", "NEW", "appended", true)]
    [InlineData("A=1\nB=2", "NEW", "appended after no final break", false)]
    public void Only_the_written_statement_is_parsed_and_the_whole_text_reads_back(string text, string key, string value, bool markSecret)
    {
        var document = EnvDocument.Parse(text, "edit.env");
        var before = document.Entries.Where(e => e.Key != key).Select(e => (e.Key, e.Value, e.Line)).ToList();
        document.SetValue(key, value, markSecret);

        document.EnsureReadsBack();

        Assert.False(document.IsParsed);
        var reread = EnvDocument.Parse(document.Render(), "edit.env");
        var written = reread.Find(key)!;
        Assert.Equal(value, written.Value);
        Assert.True(!markSecret || written.IsSecretMarked);
        Assert.Equal(before.Select(b => (b.Key, b.Value)), reread.Entries.Where(e => e.Key != key).Select(e => (e.Key, e.Value)));
    }

    [Fact]
    public void After_a_removal_the_whole_text_is_parsed()
    {
        var document = EnvDocument.Parse("A=1\nB=2\nC=3\n", "edit.env");
        Assert.True(document.Remove("B"));
        document.EnsureReadsBack();
        Assert.True(document.IsParsed);
        Assert.Equal(new[] { "A", "C" }, document.Entries.Select(e => e.Key));
    }
}

using System.Text;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

public class EnvRoundTripTests
{
    public static TheoryData<string> TrickyFiles => new()
    {
        string.Empty,
        "\n",
        "A=1",
        "A=1\n",
        "# only a comment",
        "\r\n\r\n",
        "A=1\r\nB='two'\r\n# c\r\n\r\nexport C=\"x\r\ny\"  # after\r\nD",
        "  export   KEY :  value with spaces   # comment   \n\t\n",
        "A=\"mixed\nline ends\"\r\nB=2\nC=3\r\n",
        "# tf:secret\nTOKEN='s3cr3t'\n\n\n# trailing comment without newline",
        "A=\"esc \\\" \\\\ \\$ \\n\"\nB='it\\'s'\nC=${X:-$Y}\n",
        "U=\u00fcber \u4e2d\u6587 \ud83d\ude00\n",
        "A=1\rB=2\n",
    };

    [Theory]
    [MemberData(nameof(TrickyFiles))]
    public void RenderReturnsTheParsedTextExactly(string text)
    {
        Assert.Equal(text, EnvDocument.Parse(text).Render());
    }

    [Theory]
    [MemberData(nameof(TrickyFiles))]
    public void BytesRoundTripThroughCodecAndDocumentWithAndWithoutBom(string text)
    {
        byte[] plain = Encoding.UTF8.GetBytes(text);
        byte[] withBom = new byte[plain.Length + 3];
        withBom[0] = 0xEF;
        withBom[1] = 0xBB;
        withBom[2] = 0xBF;
        plain.CopyTo(withBom, 3);

        foreach (byte[] bytes in new[] { plain, withBom })
        {
            EnvFileText decoded = EnvFileCodec.Decode(bytes, "f.env");
            EnvDocument doc = EnvDocument.Parse(decoded.Text, "f.env");
            byte[] again = EnvFileCodec.Encode(decoded with { Text = doc.Render() });
            Assert.Equal(bytes, again);
        }
    }
}

using System;
using System.Text;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

public class EnvFileCodecTests
{
    [Fact]
    public void BomIsRemovedAndRestored()
    {
        byte[] bytes = { 0xEF, 0xBB, 0xBF, (byte)'A', (byte)'=', (byte)'1', (byte)'\n' };
        EnvFileText text = EnvFileCodec.Decode(bytes, "f.env");
        Assert.True(text.HasBom);
        Assert.Equal("A=1\n", text.Text);
        Assert.Equal(bytes, EnvFileCodec.Encode(text));
        Assert.Equal(new byte[] { (byte)'A' }, EnvFileCodec.Encode(new EnvFileText("A", false)));
    }

    [Fact]
    public void OnlyALeadingBomIsAMark()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("A=\uFEFFx");
        EnvFileText text = EnvFileCodec.Decode(bytes, null);
        Assert.False(text.HasBom);
        Assert.Equal("A=\uFEFFx", text.Text);
        Assert.Equal(bytes, EnvFileCodec.Encode(text));
    }

    [Fact]
    public void NulBytesMeanBinary()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("A=1\nB=\u00e9x\0y");
        var ex = Assert.Throws<EnvFileSyntaxException>(() => EnvFileCodec.Decode(bytes, "img.png"));
        Assert.Equal("img.png:2:5: the file is binary, not an env file (it contains a NUL byte)", ex.Message);
    }

    [Fact]
    public void InvalidUtf8IsASyntaxErrorWithPositionAndInnerException()
    {
        byte[] bytes = { (byte)'A', (byte)'=', (byte)'1', (byte)'\n', (byte)'B', (byte)'=', 0xC3, 0xA9, 0xFF, (byte)'\n' };
        var ex = Assert.Throws<EnvFileSyntaxException>(() => EnvFileCodec.Decode(bytes, "latin1.env"));
        Assert.Equal(2, ex.Line);
        Assert.Equal(4, ex.Column);
        Assert.Equal("the file is not valid UTF-8", ex.Reason);
        Assert.IsType<DecoderFallbackException>(ex.InnerException);
    }

    [Fact]
    public void TruncatedSequenceAtTheEndIsInvalid()
    {
        byte[] bytes = { (byte)'A', (byte)'=', 0xE4, 0xB8 };
        var ex = Assert.Throws<EnvFileSyntaxException>(() => EnvFileCodec.Decode(bytes, null));
        Assert.Equal(1, ex.Line);
        Assert.Equal(3, ex.Column);
    }

    [Fact]
    public void UnpairedSurrogatesCannotBeEncoded()
    {
        Assert.Throws<ArgumentException>(() => EnvFileCodec.Encode(new EnvFileText("A=\ud800", false)));
    }

    [Fact]
    public void RandomValidUtf8RoundTrips()
    {
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            string s = EnvValueWriterTests.RandomValue(random).Replace("\0", string.Empty, StringComparison.Ordinal);
            byte[] bytes = Encoding.UTF8.GetBytes(s);
            if (random.Next(2) == 0)
            {
                bytes = [0xEF, 0xBB, 0xBF, .. bytes];
            }

            Assert.Equal(bytes, EnvFileCodec.Encode(EnvFileCodec.Decode(bytes, null)));
        }
    }
}

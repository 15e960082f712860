using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

public sealed class EnvFileEditorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tf-editor-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Concurrent_setters_in_one_process_lose_no_update()
    {
        string file = Path.Combine(_folder, ".env");
        File.WriteAllText(file, "# header\n");
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (int i = 0; i < 50; i++)
            {
                EnvFileEditor.SetValue(file, $"K_{worker}_{i}", i.ToString(), markSecret: false);
            }
        });

        var keys = EnvFileReader.Read(file).Entries.Select(e => e.Key).ToHashSet();
        Assert.Equal(400, keys.Count);
        Assert.StartsWith("# header\n", File.ReadAllText(file));
    }

    [Fact]
    public void A_BOM_and_CRLF_survive_an_edit()
    {
        string file = Path.Combine(_folder, ".env");
        File.WriteAllBytes(file, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("A=1\r\nB=2\r\n")).ToArray());
        EnvFileEditor.SetValue(file, "A", "x y", markSecret: false);
        Assert.Equal(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("A='x y'\r\nB=2\r\n")).ToArray(), File.ReadAllBytes(file));
    }

    [Fact]
    public void Removing_an_absent_key_leaves_the_file_untouched()
    {
        string file = Path.Combine(_folder, ".env");
        File.WriteAllText(file, "A=1\n");
        var before = File.GetLastWriteTimeUtc(file);
        Assert.False(EnvFileEditor.Remove(file, "B"));
        Assert.Equal(before, File.GetLastWriteTimeUtc(file));
        Assert.Throws<ConfigFileException>(() => EnvFileEditor.Remove(Path.Combine(_folder, "none.env"), "A"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1A")]
    [InlineData("A B")]
    [InlineData("A=B")]
    [InlineData("A#")]
    public void Invalid_keys_are_rejected_before_any_write(string key)
    {
        string file = Path.Combine(_folder, ".env");
        Assert.Throws<ArgumentException>(() => EnvFileEditor.SetValue(file, key, "v", markSecret: false));
        Assert.False(File.Exists(file));
    }
}

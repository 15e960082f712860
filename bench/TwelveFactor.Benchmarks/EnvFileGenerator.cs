using System;
using System.IO;
using System.Text;

namespace TwelveFactor.Benchmarks;

/// <summary>
/// Writes a deterministic env file of a given size with the mix a real one has: comments, blank lines,
/// plain values, single- and double-quoted values with escapes, multi-line values, interpolation, export.
/// </summary>
internal static class EnvFileGenerator
{
    /// <param name="padding">Characters added to each plain value: 0 gives about 16,000 keys a MB, 245 about 4,900
    /// (the 50 MB, 246,000-key file of issue 14).</param>
    public static void Write(string path, long targetBytes, int padding = 0)
    {
        var random = new Random(1234);
        var sb = new StringBuilder(64 * 1024);
        long written = 0;
        int n = 0;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        var utf8 = new UTF8Encoding(false);
        while (written < targetBytes)
        {
            sb.Clear();
            for (int i = 0; i < 500; i++, n++)
            {
                AppendLine(sb, random, n, padding);
            }

            byte[] bytes = utf8.GetBytes(sb.ToString());
            stream.Write(bytes);
            written += bytes.Length;
        }
    }

    private static void AppendLine(StringBuilder sb, Random random, int n, int padding)
    {
        string key = "SERVICE_" + (n % 97).ToString("D2") + "_SETTING_" + n.ToString();
        switch (random.Next(20))
        {
            case 0:
                sb.Append("# ").Append("Settings for service ").Append(n % 97).Append(", see the runbook\n");
                break;
            case 1:
                sb.Append('\n');
                break;
            case 2:
                sb.Append("export ").Append(key).Append('=').Append(Word(random, 12)).Append('\n');
                break;
            case 3:
                sb.Append(key).Append("='").Append(Word(random, 10)).Append(' ').Append(Word(random, 14)).Append("' # quoted\n");
                break;
            case 4:
                sb.Append(key).Append("=\"line one\\nline two with \\\"quotes\\\" and \\$literal ").Append(Word(random, 8)).Append("\"\n");
                break;
            case 5:
                sb.Append(key).Append("=\"-----BEGIN KEY-----\n").Append(Word(random, 48)).Append('\n').Append(Word(random, 48))
                    .Append("\n-----END KEY-----\"\n");
                break;
            case 6:
                sb.Append(key).Append("=${DATABASE_HOST:-localhost}:${DATABASE_PORT:-5432}/").Append(Word(random, 6)).Append('\n');
                break;
            case 7:
                sb.Append(key).Append("=\"postgres://app:${DB_PASSWORD}@db.internal:5432/").Append(Word(random, 8)).Append("\"\n");
                break;
            case 8:
                sb.Append(key).Append("=").Append(Word(random, 20)).Append(" # trailing comment\n");
                break;
            default:
                sb.Append(key).Append('=').Append(Word(random, 4 + padding + random.Next(40))).Append('\n');
                break;
        }
    }

    private static string Word(Random random, int length)
    {
        const string chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./";
        return string.Create(length, random, (span, r) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = chars[r.Next(chars.Length)];
            }
        });
    }
}

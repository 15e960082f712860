using System;
using System.Buffers;
using System.Text;

namespace TwelveFactor.Core.Config;

/// <summary>
/// Writes a value in the form that the most readers read the same (FORMATS.md, "Writing a value"):
/// plain when it only has characters no reader treats specially, single-quoted when it can be, double-quoted
/// with escapes (read the same by docker compose only) when nothing else can hold it.
/// </summary>
public static class EnvValueWriter
{
    private static readonly SearchValues<char> PlainChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:@%+,=-");

    /// <summary>
    /// The value token for <paramref name="value"/>. The empty value is written as nothing (<c>KEY=</c>),
    /// which compose, Node dotenv and <c>docker run --env-file</c> all read as empty; <c>''</c> would reach
    /// <c>docker run</c> as two quote characters.
    /// </summary>
    public static string Format(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.AsSpan().ContainsAnyExcept(PlainChars))
        {
            return value;
        }

        if (value.AsSpan().IndexOfAny('\'', '\n', '\r') < 0 && value[^1] != '\\')
        {
            return "'" + value + "'";
        }

        return DoubleQuoted(value);
    }

    private static string DoubleQuoted(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '$': sb.Append("\\$"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>
    /// The token for <paramref name="value"/> in the quoting a key already has in its file, where that quoting can
    /// hold the value; else <see cref="Format(string)"/>'s choice. An edit then changes the value and nothing else.
    /// </summary>
    public static string Format(string value, EnvQuote existing)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (existing)
        {
            case EnvQuote.Single when value.AsSpan().IndexOfAny('\'', '\n', '\r') < 0 && (value.Length == 0 || value[^1] != '\\'):
                return "'" + value + "'";
            case EnvQuote.Double:
                return DoubleQuoted(value);
            default:
                return Format(value);
        }
    }

    /// <summary>True when <paramref name="value"/> is written without quotes.</summary>
    public static bool IsPlain(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return !value.AsSpan().ContainsAnyExcept(PlainChars);
    }
}

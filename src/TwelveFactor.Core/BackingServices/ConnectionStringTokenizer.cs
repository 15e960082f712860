using System.Collections.Generic;

namespace TwelveFactor.Core.BackingServices;

/// <summary>
/// Splits an ADO.NET connection string (<c>Server=h;Password="a;b"</c>) into pairs the way
/// DbConnectionStringBuilder reads them: <c>;</c> separates pairs, values may be quoted with <c>"</c> or
/// <c>'</c> (a doubled quote is a literal one), or in braces as ODBC and JDBC write them (<c>{a;b}</c>, <c>}}</c> for
/// a literal brace). Hand-written so that positions survive for masking and so that
/// no exception text can carry a value.
/// </summary>
internal static class ConnectionStringTokenizer
{
    /// <summary>The pairs, or false when a quote is left open or text follows a closing quote.</summary>
    public static bool TryTokenize(string text, out List<ConnectionStringPart> parts)
    {
        parts = new List<ConnectionStringPart>();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == ';'))
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            int equals = text.IndexOf('=', i);
            int semicolon = text.IndexOf(';', i);
            if (equals < 0 || (semicolon >= 0 && semicolon < equals))
            {
                return false;
            }

            string key = text[i..equals].Trim();
            if (key.Length == 0)
            {
                return false;
            }

            i = equals + 1;
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            if (i < text.Length && text[i] is '"' or '\'' or '{')
            {
                if (!TryReadQuoted(text, ref i, out string quoted, out int rawStart))
                {
                    return false;
                }

                parts.Add(new ConnectionStringPart(key, quoted, rawStart, i - rawStart));
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (i < text.Length && text[i] != ';')
                {
                    return false;
                }
            }
            else
            {
                int end = text.IndexOf(';', i);
                if (end < 0)
                {
                    end = text.Length;
                }

                string raw = text[i..end].TrimEnd();
                parts.Add(new ConnectionStringPart(key, raw, i, raw.Length));
                i = end;
            }
        }

        return true;
    }

    private static bool TryReadQuoted(string text, ref int i, out string value, out int rawStart)
    {
        char quote = text[i] == '{' ? '}' : text[i];
        rawStart = i;
        var builder = new System.Text.StringBuilder();
        i++;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    builder.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                value = builder.ToString();
                return true;
            }

            builder.Append(text[i]);
            i++;
        }

        value = string.Empty;
        return false;
    }
}

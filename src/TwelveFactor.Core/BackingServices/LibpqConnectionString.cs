using System;
using System.Collections.Generic;
using System.Text;

namespace TwelveFactor.Core.BackingServices;

/// <summary>
/// libpq's keyword/value form (<c>host=db port=5432 dbname=app password='a b'</c>), used by psql, lib/pq and
/// psycopg: pairs separated by whitespace, values single-quoted with backslash escapes or bare up to whitespace.
/// Keywords are lower case and from libpq's list, which tells this form apart from ADO.NET's <c>Host=db</c>.
/// </summary>
internal static class LibpqConnectionString
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "channel_binding", "connect_timeout",
        "client_encoding", "options", "application_name", "fallback_application_name", "keepalives", "sslmode",
        "sslcert", "sslkey", "sslpassword", "sslrootcert", "sslcrl", "requiressl", "gssencmode", "krbsrvname",
        "service", "target_session_attrs", "load_balance_hosts", "sslnegotiation", "require_auth",
    };

    /// <summary>True, with the pairs, when the whole text is libpq keyword/value pairs naming a host or database.</summary>
    public static bool TryTokenize(string text, out List<ConnectionStringPart> parts)
    {
        parts = new List<ConnectionStringPart>();
        bool located = false;
        int i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                return located;
            }

            int keyStart = i;
            while (i < text.Length && (char.IsAsciiLetterLower(text[i]) || text[i] == '_'))
            {
                i++;
            }

            string key = text[keyStart..i];
            if (!Keywords.Contains(key))
            {
                return false;
            }

            located |= key is "host" or "hostaddr" or "dbname";
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length || text[i] != '=')
            {
                return false;
            }

            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            int rawStart = i;
            var value = new StringBuilder();
            bool quoted = i < text.Length && text[i] == '\'';
            if (quoted)
            {
                i++;
            }

            while (i < text.Length && (quoted ? text[i] != '\'' : !char.IsWhiteSpace(text[i])))
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }

                value.Append(text[i]);
                i++;
            }

            if (quoted)
            {
                if (i == text.Length)
                {
                    return false;
                }

                i++;
            }

            parts.Add(new ConnectionStringPart(key, value.ToString(), rawStart, i - rawStart));
        }
    }
}

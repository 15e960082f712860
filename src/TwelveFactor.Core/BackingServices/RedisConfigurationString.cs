using System;
using System.Collections.Generic;

namespace TwelveFactor.Core.BackingServices;

/// <summary>
/// StackExchange.Redis's configuration string (<c>cache.example.com:6380,password=...,ssl=True,abortConnect=False</c>),
/// the form Azure Cache for Redis hands out: comma-separated endpoints, then options. Recognised only when the
/// first item is an endpoint and at least one option is one of the library's, so plain "host:port" text is not.
/// </summary>
internal static class RedisConfigurationString
{
    private static readonly HashSet<string> Options = new(StringComparer.OrdinalIgnoreCase)
    {
        "abortConnect", "allowAdmin", "asyncTimeout", "channelPrefix", "checkCertificateRevocation", "configCheckSeconds",
        "configChannel", "connectRetry", "connectTimeout", "defaultDatabase", "keepAlive", "name", "password", "protocol",
        "proxy", "resolveDns", "responseTimeout", "serviceName", "setlib", "ssl", "sslHost", "sslProtocols", "syncTimeout",
        "tiebreaker", "user", "version", "highPrioritySocketThreads", "heartbeatInterval",
    };

    /// <summary>The endpoints as written and the options with their raw positions, when the text has this form.</summary>
    public static bool TryTokenize(string text, out List<string> endpoints, out List<ConnectionStringPart> options)
    {
        endpoints = new List<string>();
        options = new List<ConnectionStringPart>();
        if (text.Contains(';') || text.Contains(' ') || text.Length == 0)
        {
            return false;
        }

        int start = 0;
        while (start <= text.Length)
        {
            int comma = text.IndexOf(',', start);
            int end = comma < 0 ? text.Length : comma;
            string item = text[start..end];
            int equals = item.IndexOf('=');
            if (equals < 0)
            {
                if (options.Count > 0 || item.Length == 0)
                {
                    return false; // endpoints come first
                }

                endpoints.Add(item);
            }
            else
            {
                string key = item[..equals];
                if (!Options.Contains(key) || endpoints.Count == 0)
                {
                    return false;
                }

                options.Add(new ConnectionStringPart(key, item[(equals + 1)..], start + equals + 1, end - start - equals - 1));
            }

            if (comma < 0)
            {
                break;
            }

            start = comma + 1;
        }

        return endpoints.Count > 0 && options.Count > 0;
    }
}

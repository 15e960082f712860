using System;
using System.Collections.Generic;
using System.Text.Json;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// Reads the structure of a log line when it has one: a JSON object (one level of fields, as most loggers write),
/// or logfmt (<c>level=info msg="started" port=5000</c>, at least two pairs and nothing else). The level comes from
/// <c>level</c>, <c>lvl</c> or <c>severity</c>, lower-cased. Anything else is plain text: no level, no fields.
/// </summary>
public static class LogLineParser
{
    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();
    private static readonly string[] LevelKeys = { "level", "lvl", "severity", "log.level" };

    /// <summary>The level and fields of <paramref name="line"/>.</summary>
    public static (string? Level, IReadOnlyDictionary<string, string> Fields) Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        IReadOnlyDictionary<string, string>? fields = line.StartsWith('{') ? TryJson(line) : TryLogfmt(line);
        if (fields is null)
        {
            return (null, NoFields);
        }

        foreach (string key in LevelKeys)
        {
            if (fields.TryGetValue(key, out string? level) && level.Length > 0)
            {
                return (level.ToLowerInvariant(), fields);
            }
        }

        return (null, fields);
    }

    private static Dictionary<string, string>? TryJson(string line)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }

            return fields;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // key=value key2="quoted value" ...: every token must be a pair, keys are words.
    private static Dictionary<string, string>? TryLogfmt(string line)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }

            if (i == line.Length)
            {
                break;
            }

            int keyStart = i;
            while (i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] is '_' or '.' or '-'))
            {
                i++;
            }

            if (i == keyStart || i == line.Length || line[i] != '=')
            {
                return null;
            }

            string key = line[keyStart..i];
            i++;
            string value;
            if (i < line.Length && line[i] == '"')
            {
                var builder = new System.Text.StringBuilder();
                i++;
                while (i < line.Length && line[i] != '"')
                {
                    if (line[i] == '\\' && i + 1 < line.Length)
                    {
                        i++;
                    }

                    builder.Append(line[i]);
                    i++;
                }

                if (i == line.Length)
                {
                    return null;
                }

                i++;
                value = builder.ToString();
            }
            else
            {
                int valueStart = i;
                while (i < line.Length && line[i] != ' ')
                {
                    i++;
                }

                value = line[valueStart..i];
            }

            fields[key] = value;
        }

        return fields.Count >= 2 ? fields : null;
    }
}

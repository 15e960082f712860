using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TwelveFactor.Core.Config;

/// <summary>What a schema (or .env.example) says about one key.</summary>
public sealed class ConfigKeyRule
{
    public ConfigKeyRule(
        string name,
        bool required,
        ConfigValueType? type = null,
        Regex? pattern = null,
        bool secret = false,
        bool environmentSpecific = false,
        IReadOnlyList<string>? environments = null,
        string? source = null)
    {
        Name = name;
        Required = required;
        Type = type;
        Pattern = pattern;
        Secret = secret;
        EnvironmentSpecific = environmentSpecific;
        Environments = environments ?? Array.Empty<string>();
        Source = source;
    }

    public string Name { get; }

    public bool Required { get; }

    public ConfigValueType? Type { get; }

    public Regex? Pattern { get; }

    /// <summary>The key must be treated as secret (it is masked even when its name does not say so).</summary>
    public bool Secret { get; }

    /// <summary>The key is expected to differ or be absent between environments (parity checks skip it).</summary>
    public bool EnvironmentSpecific { get; }

    /// <summary>When not empty, the key is required only in these environments.</summary>
    public IReadOnlyList<string> Environments { get; }

    /// <summary>Where the rule is written (file:line), for findings.</summary>
    public string? Source { get; }

    /// <summary>True when the rule requires the key in the given environment.</summary>
    public bool IsRequiredIn(string? environment) =>
        Required && (Environments.Count == 0 || (environment is not null && Contains(Environments, environment)));

    /// <summary>Checks a value against the type; returns why it does not fit, naming the type only (never the value).</summary>
    public string? CheckType(string value) => Type switch
    {
        null or ConfigValueType.String => null,
        ConfigValueType.Integer => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : "is not an integer",
        ConfigValueType.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : "is not a number",
        ConfigValueType.Boolean => value is "true" or "false" ? null : "is not a boolean (write true or false; other spellings read differently across tools)",
        ConfigValueType.Port => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536 ? null : "is not a TCP port (1-65535)",
        ConfigValueType.Url => IsUrl(value) ? null : "is not an absolute URL (scheme://...)",
        _ => null,
    };

    private static bool IsUrl(string value)
    {
        int scheme = value.IndexOf("://", StringComparison.Ordinal);
        return scheme > 0 && scheme + 3 < value.Length && char.IsAsciiLetter(value[0]);
    }

    private static bool Contains(IReadOnlyList<string> list, string item)
    {
        foreach (string candidate in list)
        {
            if (string.Equals(candidate, item, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

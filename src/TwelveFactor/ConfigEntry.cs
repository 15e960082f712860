using System.Collections.Generic;
using System.Security;
using TwelveFactor.Core.Config;

namespace TwelveFactor;

/// <summary>One resolved config key, as Get-TfConfig shows it. Secret values are masked unless asked for in plain text.</summary>
public sealed class ConfigEntry
{
    // Core's resolved value: the real value travels with the entry for the module's own cmdlets (Get-TfConfig |
    // Set-TfConfig, | Export-TfConfig) in this field, not a property: ConvertTo-Json, Export-Clixml, Format-List * and
    // Select-Object * see only properties, so serialising an entry reveals nothing of a secret, not even its length.
    // Where the value came from is turned into text only when a view or a script reads it, so a Get-TfConfig of
    // 250,000 keys piped to Measure-Object makes no source strings.
    private readonly ConfigValue _resolved;
    private string? _source;
    private string[]? _overrides;

    internal ConfigEntry(ConfigValue resolved, string value, bool isSecret, string? environment)
    {
        _resolved = resolved;
        Name = resolved.Name;
        Value = value;
        IsSecret = isSecret;
        Environment = environment;
    }

    /// <summary>The key.</summary>
    public string Name { get; }

    /// <summary>The value, or the mask when the key is secret and plain text was not asked for.</summary>
    public string Value { get; }

    /// <summary>True when the key is secret: marked, named like a secret, or holding a credential.</summary>
    public bool IsSecret { get; }

    /// <summary>The environment the value was resolved for; null for the shared layers only.</summary>
    public string? Environment { get; }

    /// <summary>Where the winning value came from: <c>file:line</c>, or <c>$env:NAME</c> for the process environment.</summary>
    public string Source => _source ??= _resolved.Source.ToString();

    /// <summary>The lower layers this value shadows, lowest first.</summary>
    public string[] Overrides => _overrides ??= ToStrings(_resolved.Overrides);

    /// <summary>
    /// True when the value came from the process environment because Get-TfConfig let it win by default (no
    /// -Precedence): the operator's shell, which Set-TfConfig will not copy into another environment's file.
    /// </summary>
    internal bool FromShellByDefault { get; init; }

    /// <summary>True when the key's file marks it secret ('# tf:secret'), as opposed to a name or a credential in the value.</summary>
    internal bool MarkedSecret { get; init; }

    /// <summary>The real value the entry was resolved to, for the module's own cmdlets; never shown.</summary>
    internal string RealValue => _resolved.Value;

    /// <summary>
    /// The real value as a read-only SecureString, for APIs that take one (<c>Get-Credential</c>-style code). A
    /// method rather than a property, so that serialising the entry does not reveal the secret's length.
    /// </summary>
    public SecureString GetSecureValue() => ConfigEntryFactory.ToSecureString(_resolved.Value);

    private static string[] ToStrings(IReadOnlyList<ConfigSource> sources)
    {
        if (sources.Count == 0)
        {
            return System.Array.Empty<string>();
        }

        var strings = new string[sources.Count];
        for (int i = 0; i < strings.Length; i++)
        {
            strings[i] = sources[i].ToString();
        }

        return strings;
    }

    /// <summary>The entry as <c>NAME=value</c>, with the value masked when it is secret.</summary>
    public override string ToString() => Name + "=" + Value;
}

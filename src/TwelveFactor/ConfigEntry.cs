using System.Security;

namespace TwelveFactor;

/// <summary>One resolved config key, as Get-TfConfig shows it. Secret values are masked unless asked for in plain text.</summary>
public sealed class ConfigEntry
{
    internal ConfigEntry(string name, string value, bool isSecret, string? environment, string source, string[] overrides, SecureString secureValue)
    {
        Name = name;
        Value = value;
        IsSecret = isSecret;
        Environment = environment;
        Source = source;
        Overrides = overrides;
        SecureValue = secureValue;
    }

    public string Name { get; }

    /// <summary>The value, or the mask when the key is secret and plain text was not asked for.</summary>
    public string Value { get; }

    public bool IsSecret { get; }

    /// <summary>The environment the value was resolved for; null for the shared layers only.</summary>
    public string? Environment { get; }

    /// <summary>Where the winning value came from: <c>file:line</c>, or <c>$env:NAME</c> for the process environment.</summary>
    public string Source { get; }

    /// <summary>The lower layers this value shadows, lowest first.</summary>
    public string[] Overrides { get; }

    /// <summary>
    /// The real value as a SecureString, so <c>Get-TfConfig | Set-TfConfig</c> copies secrets without ever showing them.
    /// </summary>
    public SecureString SecureValue { get; }

    public override string ToString() => Name + "=" + Value;
}

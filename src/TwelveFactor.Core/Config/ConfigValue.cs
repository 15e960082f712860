using System.Collections.Generic;

using TwelveFactor.Core.Foundation.Secrets;
namespace TwelveFactor.Core.Config;

/// <summary>One key's resolved value and where it came from.</summary>
/// <remarks>
/// Whether the value is secret, and how it is shown, are worked out on first use: a caller that asks for plain
/// values (Get-TfConfig -AsHashtable -AsPlainText over 250,000 keys) pays nothing for classification it never sees.
/// </remarks>
public sealed class ConfigValue
{
    private int _isSecret = -1;
    private string? _displayValue;

    public ConfigValue(string name, string value, bool isMarkedSecret, ConfigSource source, IReadOnlyList<ConfigSource> overrides)
    {
        Name = name;
        Value = value;
        IsMarkedSecret = isMarkedSecret;
        Source = source;
        Overrides = overrides;
    }

    public string Name { get; }

    /// <summary>The real value. Callers mask it with <see cref="SecretClassifier.Display"/> before showing it.</summary>
    public string Value { get; }

    public bool IsSecret
    {
        get
        {
            if (_isSecret < 0)
            {
                _isSecret = SecretClassifier.IsSecret(Name, Value, IsMarkedSecret) ? 1 : 0;
            }

            return _isSecret == 1;
        }
    }

    /// <summary>True when the file marks the key secret ('# tf:secret'); a value can also be secret by its name or content.</summary>
    public bool IsMarkedSecret { get; }

    /// <summary>The layer whose value won.</summary>
    public ConfigSource Source { get; }

    /// <summary>The lower layers this value shadows, lowest first.</summary>
    public IReadOnlyList<ConfigSource> Overrides { get; }

    /// <summary>The value as it may be shown: masked when secret, a URL's password masked inside the URL.</summary>
    public string DisplayValue => _displayValue ??= SecretClassifier.Display(Name, Value, IsMarkedSecret)!;
}

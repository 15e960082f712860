using System.Collections.Generic;

namespace TwelveFactor.Core.Config;

/// <summary>One key's resolved value and where it came from.</summary>
public sealed class ConfigValue
{
    public ConfigValue(string name, string value, bool isMarkedSecret, ConfigSource source, IReadOnlyList<ConfigSource> overrides)
    {
        Name = name;
        Value = value;
        IsMarkedSecret = isMarkedSecret;
        IsSecret = SecretClassifier.IsSecret(name, value, isMarkedSecret);
        DisplayValue = SecretClassifier.Display(name, value, isMarkedSecret)!;
        Source = source;
        Overrides = overrides;
    }

    public string Name { get; }

    /// <summary>The real value. Callers mask it with <see cref="SecretClassifier.Display"/> before showing it.</summary>
    public string Value { get; }

    public bool IsSecret { get; }

    /// <summary>True when the file marks the key secret ('# tf:secret'); a value can also be secret by its name or content.</summary>
    public bool IsMarkedSecret { get; }

    /// <summary>The layer whose value won.</summary>
    public ConfigSource Source { get; }

    /// <summary>The lower layers this value shadows, lowest first.</summary>
    public IReadOnlyList<ConfigSource> Overrides { get; }

    /// <summary>The value as it may be shown: masked when secret, a URL's password masked inside the URL.</summary>
    public string DisplayValue { get; }
}

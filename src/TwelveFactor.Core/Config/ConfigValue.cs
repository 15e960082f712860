using System.Collections.Generic;

using TwelveFactor.Core.Foundation.Secrets;
namespace TwelveFactor.Core.Config;

/// <summary>One key's resolved value and where it came from.</summary>
/// <remarks>
/// Whether the value is secret, how it is shown and its <see cref="Source"/> object are worked out on first use: a
/// caller that asks for plain values (Get-TfConfig -AsHashtable -AsPlainText over 250,000 keys) pays nothing for
/// what it never sees.
/// </remarks>
public sealed class ConfigValue
{
    private int _isSecret = -1;
    private string? _displayValue;
    private ConfigSource? _source;
    private readonly string? _file;
    private readonly int _line;

    public ConfigValue(string name, string value, bool isMarkedSecret, ConfigSource source, IReadOnlyList<ConfigSource> overrides)
    {
        Name = name;
        Value = value;
        IsMarkedSecret = isMarkedSecret;
        _source = source;
        Overrides = overrides;
    }

    /// <summary>A value from <paramref name="file"/> at <paramref name="line"/>; its source object is made when asked for.</summary>
    internal ConfigValue(string name, string value, bool isMarkedSecret, string file, int line, IReadOnlyList<ConfigSource> overrides)
    {
        Name = name;
        Value = value;
        IsMarkedSecret = isMarkedSecret;
        _file = file;
        _line = line;
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
    public ConfigSource Source => _source ??= ConfigSource.FromFile(_file!, _line);

    /// <summary>True when the winning value came from the process environment (without making <see cref="Source"/>).</summary>
    public bool IsFromProcessEnvironment => _source?.IsProcessEnvironment == true;

    /// <summary>The lower layers this value shadows, lowest first.</summary>
    public IReadOnlyList<ConfigSource> Overrides { get; }

    /// <summary>The value as it may be shown: masked when secret, a URL's password masked inside the URL.</summary>
    public string DisplayValue => _displayValue ??= SecretClassifier.Display(Name, Value, IsMarkedSecret)!;
}

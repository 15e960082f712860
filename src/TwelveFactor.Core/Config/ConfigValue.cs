using System.Collections.Generic;

using TwelveFactor.Core.Foundation.Secrets;
namespace TwelveFactor.Core.Config;

/// <summary>One key's resolved value and where it came from.</summary>
/// <remarks>
/// Whether the value is secret and its <see cref="Source"/> object are worked out on first use: a caller that asks
/// for plain values (Get-TfConfig -AsHashtable -AsPlainText over 250,000 keys) pays nothing for what it never sees.
/// A value the file holds verbatim is not copied out of the file's text until <see cref="Value"/> is read, and then
/// on each read (nothing here keeps the copy): a caller that streams 250,000 values holds one at a time.
/// </remarks>
public sealed class ConfigValue
{
    private int _isSecret = -1;
    private ConfigSource? _source;
    private readonly string? _value;
    private readonly EnvEntry? _verbatim;
    private readonly string? _file;
    private readonly int _line;

    public ConfigValue(string name, string value, bool isMarkedSecret, ConfigSource source, IReadOnlyList<ConfigSource> overrides)
    {
        Name = name;
        _value = value;
        IsMarkedSecret = isMarkedSecret;
        _source = source;
        Overrides = overrides;
    }

    /// <summary>
    /// A value from <paramref name="file"/> at <paramref name="line"/>: <paramref name="value"/>, or when that is null
    /// the value <paramref name="verbatim"/> holds in the file's text; its source object is made when asked for.
    /// </summary>
    internal ConfigValue(string name, string? value, EnvEntry? verbatim, bool isMarkedSecret, string file, int line, IReadOnlyList<ConfigSource> overrides)
    {
        Name = name;
        _value = value;
        _verbatim = verbatim;
        IsMarkedSecret = isMarkedSecret;
        _file = file;
        _line = line;
        Overrides = overrides;
    }

    public string Name { get; }

    /// <summary>The real value. Callers mask it with <see cref="SecretClassifier.Display"/> before showing it.</summary>
    public string Value => _value ?? _verbatim!.Value!;

    public bool IsSecret => IsSecretValue(_isSecret < 0 ? Value : null);

    /// <summary>True when the file marks the key secret ('# tf:secret'); a value can also be secret by its name or content.</summary>
    public bool IsMarkedSecret { get; }

    /// <summary>The layer whose value won.</summary>
    public ConfigSource Source => _source ??= ConfigSource.FromFile(_file!, _line);

    /// <summary>True when the winning value came from the process environment (without making <see cref="Source"/>).</summary>
    public bool IsFromProcessEnvironment => _source?.IsProcessEnvironment == true;

    /// <summary>The lower layers this value shadows, lowest first.</summary>
    public IReadOnlyList<ConfigSource> Overrides { get; }

    /// <summary>The value as it may be shown: masked when secret, a URL's password masked inside the URL.</summary>
    public string DisplayValue => SecretClassifier.Display(Name, Value, IsMarkedSecret)!;

    /// <summary>
    /// The value to show (<see cref="Value"/> when <paramref name="plainText"/>, else <see cref="DisplayValue"/>)
    /// and whether it is secret, reading the value once.
    /// </summary>
    public string Shown(bool plainText, out bool isSecret)
    {
        string shown = SecretClassifier.Shown(Name, Value, IsMarkedSecret, plainText, out isSecret);
        _isSecret = isSecret ? 1 : 0;
        return shown;
    }

    // The classification is kept (a flag); the value it needs is given when it is not known yet.
    private bool IsSecretValue(string? value)
    {
        if (_isSecret < 0)
        {
            _isSecret = SecretClassifier.IsSecret(Name, value ?? Value, IsMarkedSecret) ? 1 : 0;
        }

        return _isSecret == 1;
    }
}

using System;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// One resolved config value handed to a new release. Plain data from the config cmdlets; a secret's value is
/// kept out of <see cref="ToString"/> so it cannot reach a log by accident.
/// </summary>
public sealed class ConfigSnapshotEntry
{
    /// <summary>Creates an entry.</summary>
    public ConfigSnapshotEntry(string name, string value, bool isSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
        IsSecret = isSecret;
    }

    /// <summary>The config key.</summary>
    public string Name { get; }

    /// <summary>The resolved value.</summary>
    public string Value { get; }

    /// <summary>True when the value is a secret.</summary>
    public bool IsSecret { get; }

    /// <inheritdoc/>
    public override string ToString() => Name + "=" + (IsSecret ? Foundation.Secrets.SecretClassifier.Mask : Value);
}

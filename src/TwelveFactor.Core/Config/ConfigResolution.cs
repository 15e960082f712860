using System;
using System.Collections.Generic;

namespace TwelveFactor.Core.Config;

/// <summary>The outcome of resolving layered config: the values, the files read, and the files that failed.</summary>
public sealed class ConfigResolution
{
    private readonly Dictionary<string, ConfigValue> _byName;

    public ConfigResolution(IReadOnlyList<ConfigValue> values, IReadOnlyList<string> filesRead, IReadOnlyList<ConfigFileException> failures)
    {
        Values = values;
        _byName = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            _byName[value.Name] = value;
        }

        FilesRead = filesRead;
        Failures = failures;
    }

    /// <summary>Resolved values in first-definition order.</summary>
    public IReadOnlyList<ConfigValue> Values { get; }

    /// <summary>The files that were read, lowest layer first.</summary>
    public IReadOnlyList<string> FilesRead { get; }

    /// <summary>Files that could not be read or parsed; nothing of theirs is in <see cref="Values"/>.</summary>
    public IReadOnlyList<ConfigFileException> Failures { get; }

    public ConfigValue? Find(string name) => _byName.GetValueOrDefault(name);
}

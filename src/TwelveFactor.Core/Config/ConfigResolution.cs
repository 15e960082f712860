using System;
using System.Collections.Generic;

namespace TwelveFactor.Core.Config;

/// <summary>The outcome of resolving layered config: the values, the files read, and the files that failed.</summary>
public sealed class ConfigResolution
{
    private Dictionary<string, int>? _indexByName;

    public ConfigResolution(IReadOnlyList<ConfigValue> values, IReadOnlyList<string> filesRead, IReadOnlyList<ConfigFileException> failures)
        : this(values, filesRead, failures, null)
    {
    }

    /// <param name="indexByName">Each name's index in <paramref name="values"/>, when the resolver has it already.</param>
    internal ConfigResolution(IReadOnlyList<ConfigValue> values, IReadOnlyList<string> filesRead, IReadOnlyList<ConfigFileException> failures, Dictionary<string, int>? indexByName)
    {
        Values = values;
        FilesRead = filesRead;
        Failures = failures;
        _indexByName = indexByName;
    }

    /// <summary>Resolved values in first-definition order.</summary>
    public IReadOnlyList<ConfigValue> Values { get; }

    /// <summary>The files that were read, lowest layer first.</summary>
    public IReadOnlyList<string> FilesRead { get; }

    /// <summary>Files that could not be read or parsed; nothing of theirs is in <see cref="Values"/>.</summary>
    public IReadOnlyList<ConfigFileException> Failures { get; }

    public ConfigValue? Find(string name)
    {
        if (_indexByName is null)
        {
            var index = new Dictionary<string, int>(Values.Count, StringComparer.Ordinal);
            for (int i = 0; i < Values.Count; i++)
            {
                index[Values[i].Name] = i;
            }

            _indexByName = index;
        }

        return _indexByName.TryGetValue(name, out int at) ? Values[at] : null;
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Specialized;

using TwelveFactor.Core.Foundation.Secrets;
namespace TwelveFactor.Core.Config;

/// <summary>The outcome of resolving layered config: the values, the files read, and the files that failed.</summary>
/// <remarks>
/// From the resolver, the values are kept as its slots and become <see cref="ConfigValue"/> objects the first time
/// <see cref="Values"/> or <see cref="Find"/> is used: <see cref="ShownValues"/> (Get-TfConfig -AsHashtable) reads
/// 160,000 names and values without making an object for each.
/// </remarks>
public sealed class ConfigResolution
{
    private readonly List<ResolvedSlot>? _slots;
    private IReadOnlyList<ConfigValue>? _values;
    private Dictionary<string, int>? _indexByName;

    public ConfigResolution(IReadOnlyList<ConfigValue> values, IReadOnlyList<string> filesRead, IReadOnlyList<ConfigFileException> failures)
    {
        _values = values;
        FilesRead = filesRead;
        Failures = failures;
    }

    /// <param name="slots">The resolver's slots, in first-definition order (kept, not copied).</param>
    /// <param name="indexByName">Each name's index in <paramref name="slots"/>.</param>
    internal ConfigResolution(List<ResolvedSlot> slots, IReadOnlyList<string> filesRead, IReadOnlyList<ConfigFileException> failures, Dictionary<string, int> indexByName)
    {
        _slots = slots;
        FilesRead = filesRead;
        Failures = failures;
        _indexByName = indexByName;
    }

    /// <summary>Resolved values in first-definition order.</summary>
    public IReadOnlyList<ConfigValue> Values => _values ??= MakeValues(_slots!);

    /// <summary>How many values there are (without making them).</summary>
    public int Count => _slots?.Count ?? _values!.Count;

    /// <summary>The files that were read, lowest layer first.</summary>
    public IReadOnlyList<string> FilesRead { get; }

    /// <summary>Files that could not be read or parsed; nothing of theirs is in <see cref="Values"/>.</summary>
    public IReadOnlyList<ConfigFileException> Failures { get; }

    public ConfigValue? Find(string name) => PositionsByName().TryGetValue(name, out int at) ? Values[at] : null;

    /// <summary>
    /// The names and what may be shown of their values (see <see cref="ShownValues"/>) as an ordered table, in
    /// order; with <paramref name="wanted"/>, only the names it accepts. The table compares names ordinally
    /// (<see cref="ConfigNameComparer"/>) and can be changed like any other.
    /// </summary>
    /// <param name="capacity">How many names the table will hold (all of them without <paramref name="wanted"/>).</param>
    public OrderedDictionary ToOrderedDictionary(bool plainText, int capacity, Func<string, bool>? wanted = null)
    {
        var comparer = new ConfigNameComparer(PositionsByName());
        var table = new OrderedDictionary(capacity, comparer);
        int position = 0;
        foreach (var (name, shown) in ShownValues(plainText))
        {
            if (wanted is null || wanted(name))
            {
                comparer.Adding(name, position);
                table.Add(name, shown);
            }

            position++;
        }

        comparer.Adding(null, 0);
        return table;
    }

    // Each name's position in Values (the resolver's own index, or made from the values once).
    private Dictionary<string, int> PositionsByName()
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

        return _indexByName;
    }

    /// <summary>
    /// Each name, in order, with what may be shown of its value: the value itself when <paramref name="plainText"/>,
    /// else <see cref="ConfigValue.DisplayValue"/>'s masking. Makes no <see cref="ConfigValue"/> objects.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> ShownValues(bool plainText)
    {
        if (_slots is null)
        {
            foreach (ConfigValue value in _values!)
            {
                yield return new(value.Name, plainText ? value.Value : value.DisplayValue);
            }

            yield break;
        }

        for (int i = 0; i < _slots.Count; i++)
        {
            ResolvedSlot slot = _slots[i];
            yield return new(slot.Name, plainText ? slot.Text : SecretClassifier.Display(slot.Name, slot.Text, slot.Marked)!);
        }
    }

    private static ConfigValue[] MakeValues(List<ResolvedSlot> slots)
    {
        var values = new ConfigValue[slots.Count];
        for (int i = 0; i < values.Length; i++)
        {
            ResolvedSlot slot = slots[i];
            values[i] = slot.FromProcess
                ? new ConfigValue(slot.Name, slot.Value!, slot.Marked, ConfigSource.FromProcessEnvironment(slot.Name), slot.Overrides!)
                : new ConfigValue(slot.Name, slot.Value, slot.Verbatim, slot.Marked, slot.File, slot.Line, (IReadOnlyList<ConfigSource>?)slot.Overrides ?? Array.Empty<ConfigSource>());
        }

        return values;
    }
}

using System;
using System.Collections;
using System.Collections.Generic;

namespace TwelveFactor.Core.Config;

/// <summary>
/// Compares a resolved config's names ordinally (as <see cref="StringComparer.Ordinal"/> does) for the hash table of
/// an <see cref="System.Collections.Specialized.OrderedDictionary"/> (<see cref="ConfigResolution.ToOrderedDictionary"/>),
/// with a name's position in the resolution as its hash code: the table's buckets fill in order with no collision,
/// where string hashes sent each of 160,000 inserts to a random bucket of a 5 MB array (a cache and TLB miss each,
/// most of the table's cost). Any other key (one a caller adds later, or not a string) hashes as it would ordinally.
/// </summary>
public sealed class ConfigNameComparer : IEqualityComparer
{
    private readonly Dictionary<string, int> _positions;

    // The name being added and its position, so the build asks the position table nothing.
    private string? _adding;
    private int _addingAt;

    internal ConfigNameComparer(Dictionary<string, int> positions) => _positions = positions;

    /// <summary>Ordinal equality for strings; <see cref="object.Equals(object, object)"/> for anything else.</summary>
    public new bool Equals(object? x, object? y) =>
        x is string a && y is string b ? string.Equals(a, b, StringComparison.Ordinal) : object.Equals(x, y);

    /// <summary>A resolved name's position; any other string's ordinal hash; any other object's own hash.</summary>
    public int GetHashCode(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (ReferenceEquals(obj, _adding))
        {
            return _addingAt;
        }

        if (obj is string name)
        {
            return _positions.TryGetValue(name, out int at) ? at : StringComparer.Ordinal.GetHashCode(name);
        }

        return obj.GetHashCode();
    }

    // The next key added is this name at this position (the same hash GetHashCode would give it, without a lookup).
    internal void Adding(string? name, int position)
    {
        _adding = name;
        _addingAt = position;
    }
}

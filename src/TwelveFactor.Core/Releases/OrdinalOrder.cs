using System;
using System.Collections.Generic;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// Whether a list is already in ordinal order of a key: the build walk produces its paths in order and the digests
/// are defined over that order, so each checks in one pass and sorts only what is not.
/// </summary>
internal static class OrdinalOrder
{
    internal static bool IsSorted<T>(IReadOnlyList<T> items, Func<T, string> key)
    {
        for (int i = 1; i < items.Count; i++)
        {
            if (string.CompareOrdinal(key(items[i - 1]), key(items[i])) > 0)
            {
                return false;
            }
        }

        return true;
    }
}

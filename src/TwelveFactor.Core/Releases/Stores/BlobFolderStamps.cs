using System;
using System.Collections.Generic;
using TwelveFactor.Core.Foundation.IO;

namespace TwelveFactor.Core.Releases.Stores;

/// <summary>
/// The stamps of a store's blob folders, which are named by a blob's first two (lowercase hex) digits: a table of
/// 256 slots by that name's value. As a dictionary of stamps it was generic code over a struct of this module, which
/// no ReadyToRun image holds, compiled on every session's first release.
/// </summary>
internal sealed class BlobFolderStamps
{
    private readonly FileStamp[] _stamps = new FileStamp[256];
    private readonly bool[] _present = new bool[256];

    /// <summary>How many folders have a stamp.</summary>
    internal int Count { get; private set; }

    /// <summary>The names of the folders with a stamp, in order.</summary>
    internal IEnumerable<string> Names
    {
        get
        {
            for (int index = 0; index < _present.Length; index++)
            {
                if (_present[index])
                {
                    yield return NameOf(index);
                }
            }
        }
    }

    /// <summary>The value of a blob folder's name (or of a digest's first two characters); null for anything else.</summary>
    internal static int? IndexOf(ReadOnlySpan<char> name) =>
        name.Length >= 2 && HexValue(name[0]) is int high && HexValue(name[1]) is int low ? (high << 4) | low : null;

    /// <summary>The folder name of a slot.</summary>
    internal static string NameOf(int index) => index.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Records a folder's stamp; false (nothing recorded) for a name that is not a blob folder's.</summary>
    internal bool TrySet(ReadOnlySpan<char> name, FileStamp stamp)
    {
        if (name.Length != 2 || IndexOf(name) is not int index)
        {
            return false;
        }

        Count += _present[index] ? 0 : 1;
        _present[index] = true;
        _stamps[index] = stamp;
        return true;
    }

    internal bool TryGet(int index, out FileStamp stamp)
    {
        stamp = _stamps[index];
        return _present[index];
    }

    private static int? HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => null,
    };
}

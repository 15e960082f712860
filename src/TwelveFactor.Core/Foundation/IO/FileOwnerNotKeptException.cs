using System;

namespace TwelveFactor.Core.Foundation.IO;

/// <summary>
/// A file could not be rewritten with its owner and group: replacing it would have handed it to the user who
/// ran the command (an app user locked out of its own env file, another group given access), so it was left as
/// it was.
/// </summary>
public sealed class FileOwnerNotKeptException : UnauthorizedAccessException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public FileOwnerNotKeptException(string path, uint owner, uint group, Exception? inner = null)
        : base(string.Format(System.Globalization.CultureInfo.CurrentCulture, Resources.CoreStrings.FileOwnerNotKept, path, owner, group), inner)
    {
        Path = path;
    }

    /// <summary>The file that was left unchanged.</summary>
    public string Path { get; }
}

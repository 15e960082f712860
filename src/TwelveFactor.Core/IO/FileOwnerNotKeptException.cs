using System;

namespace TwelveFactor.Core.IO;

/// <summary>
/// A file could not be rewritten with its owner and group: replacing it would have handed it to the user who
/// ran the command (an app user locked out of its own env file, another group given access), so it was left as
/// it was.
/// </summary>
public sealed class FileOwnerNotKeptException : UnauthorizedAccessException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public FileOwnerNotKeptException(string path, uint owner, uint group, Exception? inner = null)
        : base($"'{path}' belongs to user {owner} and group {group}, and this user may not give the rewritten file back to them. Run the command as that user (or as root), or change the file's owner first.", inner)
    {
        Path = path;
    }

    /// <summary>The file that was left unchanged.</summary>
    public string Path { get; }
}

using System;
using System.IO;
using TwelveFactor.Core.Foundation.IO;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// A regular file found while walking a build folder, as one stat described it. A class, not a struct: lists and
/// sorts of it then run the framework's shared, precompiled code instead of code compiled on a first release.
/// Its full path is made only when asked for (the file is read): an unchanged release never reads a file.
/// </summary>
/// <param name="Relative">Its path in the build, '/'-separated.</param>
/// <param name="FolderPath">Its folder's path on disk.</param>
/// <param name="Name">Its name, when that is not the end of <paramref name="Relative"/> (a name with a backslash); else null.</param>
/// <param name="Size">Its size when stat'ed.</param>
/// <param name="Mode">Its permission bits (see <see cref="BuildPathRules.PermissionsOf"/>).</param>
/// <param name="Stamped">Whether <paramref name="Stamp"/> was read (statx is there).</param>
/// <param name="Stamp">Its stamp, taken before its content is read.</param>
internal sealed record ScannedFile(string Relative, string FolderPath, string? Name, long Size, int Mode, bool Stamped, FileStamp Stamp)
{
    /// <summary>Its path on disk.</summary>
    internal string FullPath => Path.Join(FolderPath, Name ?? Relative.AsSpan(Relative.LastIndexOf('/') + 1));
}

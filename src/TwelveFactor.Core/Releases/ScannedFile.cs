using TwelveFactor.Core.Foundation.IO;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// A regular file found while walking a build folder, as one stat described it. A class, not a struct: lists and
/// sorts of it then run the framework's shared, precompiled code instead of code compiled on a first release.
/// </summary>
/// <param name="Relative">Its path in the build, '/'-separated.</param>
/// <param name="FullPath">Its path on disk.</param>
/// <param name="Size">Its size when stat'ed.</param>
/// <param name="Mode">Its permission bits (see <see cref="BuildPathRules.PermissionsOf"/>).</param>
/// <param name="Stamped">Whether <paramref name="Stamp"/> was read (statx is there).</param>
/// <param name="Stamp">Its stamp, taken before its content is read.</param>
internal sealed record ScannedFile(string Relative, string FullPath, long Size, int Mode, bool Stamped, FileStamp Stamp);

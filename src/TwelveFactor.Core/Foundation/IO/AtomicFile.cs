using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

using TwelveFactor.Core.Resources;
namespace TwelveFactor.Core.Foundation.IO;

/// <summary>
/// Writes files whole or not at all: readers see the old bytes or the new bytes, never a mix, and a crash leaves
/// the old file intact. The new bytes go to a temporary file in the same folder (same file system, so the rename
/// is atomic), created owner-only and flushed to disk, then renamed over the old name. Every atomic write of the
/// module goes through here: env files and exports (which keep the replaced file's permissions) and the release
/// store (which sets a fixed mode).
/// </summary>
public static class AtomicFile
{
    /// <summary>Owner read/write: for anything that may hold a secret.</summary>
    internal const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode NewFileDefault = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="bytes"/>. An existing file keeps its permissions,
    /// owner and group (on Windows its attributes); a new one gets <paramref name="modeForNewFile"/>, by default
    /// 0644. A symlink is written through: its final target is replaced and the link stays a link.
    /// </summary>
    /// <exception cref="FileOwnerNotKeptException">The file belongs to another user or group that this user cannot give the new file to; it is left unchanged.</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, UnixFileMode? modeForNewFile = null)
    {
        string fullPath = ResolveFinalTarget(Path.GetFullPath(path));
        if (Path.GetDirectoryName(fullPath) is null)
        {
            throw new ArgumentException(CoreStrings.PathHasNoFolder, nameof(path));
        }

        string temp = TempPathFor(fullPath);
        bool exists = File.Exists(fullPath);
        try
        {
            using (var stream = new FileStream(temp, NewTempOptions(OwnerOnly, FileOptions.None)))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            // The final mode is set only now, so a secret is never readable to others between create and chmod;
            // the owner before the mode, since chown clears setgid bits.
            if (!OperatingSystem.IsWindows())
            {
                if (exists)
                {
                    KeepOwner(fullPath, temp);
                }

                File.SetUnixFileMode(temp, exists ? File.GetUnixFileMode(fullPath) : modeForNewFile ?? NewFileDefault);
            }
            else if (exists)
            {
                File.SetAttributes(temp, File.GetAttributes(fullPath));
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>The file a path finally names: symlinks followed, so a rewrite replaces the target and keeps the link.</summary>
    internal static string ResolveFinalTarget(string fullPath)
    {
        var info = new FileInfo(fullPath);
        if (info.LinkTarget is null)
        {
            return fullPath;
        }

        return File.ResolveLinkTarget(fullPath, returnFinalTarget: true)?.FullName ?? fullPath;
    }

    private static void KeepOwner(string original, string temp)
    {
        if (!UnixFileOwner.TryGetFollowing(original, out uint uid, out uint gid, out _, out _)
            || !UnixFileOwner.TryGet(temp, out uint tempUid, out uint tempGid, out _, out _)
            || (uid == tempUid && gid == tempGid))
        {
            return;
        }

        try
        {
            UnixFileOwner.Set(temp, uid, gid);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new FileOwnerNotKeptException(original, uid, gid, ex);
        }
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically with <paramref name="mode"/>, replacing it.</summary>
    /// <remarks>
    /// Synchronous, like <see cref="WriteTemp"/>: the store's files are local, where an asynchronous file write is a
    /// synchronous one on a pool thread after a hop, and an await that suspends costs its callers' whole chain of
    /// async methods a state machine box each (code compiled on a session's first release).
    /// </remarks>
    internal static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode, CancellationToken cancellationToken, bool flushToDisk = true)
    {
        string temp = WriteTemp(path, content, mode, cancellationToken, flushToDisk);
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Writes a complete, flushed temp file beside <paramref name="path"/> and returns its name, for callers that
    /// commit it their own way (a link that must not replace, a rename over a symlink).
    /// </summary>
    internal static string WriteTemp(string path, ReadOnlySpan<byte> content, UnixFileMode mode, CancellationToken cancellationToken, bool flushToDisk = true)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string temp = TempPathFor(path);
        try
        {
            using (var stream = new FileStream(temp, NewTempOptions(mode, FileOptions.None)))
            {
                stream.Write(content);
                stream.Flush(flushToDisk);
            }

            return temp;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>A hidden temp name beside <paramref name="path"/> that no other writer will pick: <c>.name.tmp-&lt;12 hex&gt;</c>.</summary>
    internal static string TempPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp-" + RandomSuffix());

    internal static string RandomSuffix() => Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();

    /// <summary>Deletes a file, ignoring failure: used only to clean up temp files, which are hidden and named as ours.</summary>
    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static FileStreamOptions NewTempOptions(UnixFileMode mode, FileOptions options)
    {
        var result = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = options };
        if (!OperatingSystem.IsWindows())
        {
            result.UnixCreateMode = mode;
        }

        return result;
    }
}

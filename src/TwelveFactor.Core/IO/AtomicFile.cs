using System;
using System.IO;

namespace TwelveFactor.Core.IO;

/// <summary>
/// Replaces a file's content all at once: readers see the old bytes or the new bytes, never a mix, and a crash
/// leaves the old file intact. The new bytes go to a temporary file in the same folder (same file system, so the
/// rename is atomic), are flushed to disk, take over the old file's permissions, then are renamed over it.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, UnixFileMode? modeForNewFile = null)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException("The path has no folder.", nameof(path));
        string temp = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        bool exists = File.Exists(fullPath);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // Created owner-only first, so a secret is never readable to others between create and chmod.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                UnixFileMode mode = exists
                    ? File.GetUnixFileMode(fullPath)
                    : modeForNewFile ?? (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                File.SetUnixFileMode(temp, mode);
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

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temp file is hidden and named as ours; the original file is untouched either way.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

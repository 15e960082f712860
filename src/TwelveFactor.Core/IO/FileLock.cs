using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace TwelveFactor.Core.IO;

/// <summary>
/// An exclusive, cross-process lock for editing one file (read, change, write back) without losing another
/// process's update. The lock is an OS file lock (flock on Unix, a share-none handle on Windows) on a lock file
/// kept in the temp folder, named by a hash of the edited file's full path, so the app's folder gets no litter and
/// the lock is released by the OS even when the process dies.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Waits for the lock on <paramref name="path"/> up to <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">Another process held the lock for the whole timeout.</exception>
    public static FileLock Acquire(string path, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        string folder = Path.Combine(Path.GetTempPath(), "twelvefactor-locks");
        Directory.CreateDirectory(folder);
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(path))))[..32];
        string lockPath = Path.Combine(folder, key + ".lock");
        var deadline = DateTime.UtcNow + timeout;
        int delay = 1;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
                        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
                }

                return new FileLock(new FileStream(lockPath, options));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 50);
            }
            catch (IOException ex)
            {
                throw new TimeoutException($"Another process kept '{path}' locked for {timeout.TotalSeconds:0.#} s.", ex);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}

using System;
using System.IO;
using System.Threading;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Config;

/// <summary>
/// Edits an env file in place: under a cross-process lock it reads the file, applies one change to the lossless
/// document, checks that the result parses back to what was asked, and replaces the file atomically. Every byte the
/// change does not touch stays as it was (comments, order, quoting, line endings, BOM, final newline).
/// </summary>
public static class EnvFileEditor
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Sets a key's value, creating the file when it does not exist. Returns true when the key was new.</summary>
    public static bool SetValue(string file, string name, string value, bool markSecret, CancellationToken cancellationToken = default) =>
        SetValue(file, name, value, markSecret, force: false, cancellationToken);

    /// <summary>As <see cref="SetValue(string, string, string, bool, CancellationToken)"/>; <paramref name="force"/> also rewrites a read-only file (keeping it read-only).</summary>
    public static bool SetValue(string file, string name, string value, bool markSecret, bool force, CancellationToken cancellationToken = default)
    {
        ValidateKey(name);
        return Edit(file, createIfMissing: true, force, cancellationToken, document =>
        {
            bool isNew = document.Find(name) is null;
            document.SetValue(name, value, markSecret);
            return (true, isNew);
        });
    }

    /// <summary>Removes every occurrence of a key. Returns false (and leaves the file untouched) when it was absent.</summary>
    public static bool Remove(string file, string name, CancellationToken cancellationToken = default) =>
        Remove(file, name, force: false, cancellationToken);

    /// <summary>As <see cref="Remove(string, string, CancellationToken)"/>; <paramref name="force"/> also rewrites a read-only file.</summary>
    public static bool Remove(string file, string name, bool force, CancellationToken cancellationToken = default) =>
        Edit(file, createIfMissing: false, force, cancellationToken, document =>
        {
            bool removed = document.Remove(name);
            return (removed, removed);
        });

    /// <summary>Throws <see cref="ArgumentException"/> for a name that no env-file reader accepts as a key.</summary>
    public static void ValidateKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // What every reader and shell accepts, so a file Set-TfConfig writes stays lint-clean (no IncorrectDelimiter).
        bool valid = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_');
        for (int i = 1; valid && i < name.Length; i++)
        {
            char c = name[i];
            valid = char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        if (!valid)
        {
            throw new ArgumentException(string.Format(System.Globalization.CultureInfo.CurrentCulture, CoreStrings.EnvKeyInvalidForWrite, name), nameof(name));
        }
    }

    private static bool Edit(string file, bool createIfMissing, bool force, CancellationToken cancellationToken, Func<EnvDocument, (bool Changed, bool Result)> change)
    {
        // A symlinked env file is edited through the link, and locked as its target: writers through the link and
        // through the real path must queue on the same lock.
        string shownFile = file;
        file = AtomicFile.ResolveFinalTarget(Path.GetFullPath(file));
        using var fileLock = AcquireLock(file, cancellationToken);
        EnvDocument document;
        EnvFileText text;
        if (File.Exists(file))
        {
            // A fifo or device in the file's place is refused, never read (a layer is a regular file, or a link to one).
            document = EnvFileReader.ReadLayer(file, out text);
        }
        else if (createIfMissing)
        {
            text = new EnvFileText(string.Empty, HasBom: false);
            document = EnvDocument.Parse(string.Empty, file);
        }
        else
        {
            throw new ConfigFileException(ProblemId.ConfigFileNotFound, file, $"The config file '{file}' does not exist.");
        }

        var (changed, result) = change(document);
        if (!changed)
        {
            return result;
        }

        // A file made read-only (chmod 0444, the read-only attribute) was made so on purpose; root and the file's
        // owner could rewrite it anyway, so the refusal is ours to make.
        if (!force && IsReadOnly(file))
        {
            throw new ConfigFileException(ProblemId.ConfigFileReadOnly, shownFile, string.Format(System.Globalization.CultureInfo.CurrentCulture, CoreStrings.ConfigFileReadOnly, shownFile));
        }

        string rendered = document.Render();

        // Never write what would not read back: the edited document parses what it changed before it replaces the file.
        document.EnsureReadsBack();
        byte[] bytes = EnvFileCodec.Encode(text with { Text = rendered });
        try
        {
            AtomicFile.WriteAllBytes(file, bytes, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch (FileOwnerNotKeptException ex)
        {
            throw new ConfigFileException(ProblemId.ConfigFileOwnerNotKept, shownFile, ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigFileException(ProblemId.ConfigFileUnreadable, shownFile, $"The config file '{shownFile}' cannot be written: {ex.Message}", ex);
        }

        return result;
    }

    private static bool IsReadOnly(string file)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        return OperatingSystem.IsWindows()
            ? File.GetAttributes(file).HasFlag(FileAttributes.ReadOnly)
            : (File.GetUnixFileMode(file) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0;
    }

    private static FileLock AcquireLock(string file, CancellationToken cancellationToken)
    {
        try
        {
            return FileLock.Acquire(file, LockTimeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new ConfigFileException(ProblemId.ConfigFileLocked, file, ex.Message, ex);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new ConfigFileException(ProblemId.ConfigFileLocked, file, string.Format(System.Globalization.CultureInfo.CurrentCulture, CoreStrings.ConfigLockUnavailable, file, ex.Message), ex);
        }
    }
}

using System;
using System.IO;
using Microsoft.Win32.SafeHandles;
using TwelveFactor.Core.Foundation.IO;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Config;

/// <summary>Reads and parses one env file, turning every failure into a <see cref="ConfigFileException"/>.</summary>
/// <remarks>
/// Two ways in. <see cref="Read(string)"/> is for a file the user named (-Path): it may be a pipe, as
/// <c>-Path &lt;(...)</c> gives. <see cref="ReadLayer(string)"/> is for a file found by the layout (.env,
/// .env.&lt;environment&gt;.local, ...), which anyone who can write the app's folder may have put there: it is read
/// only when it is a regular file or a link to one, so a fifo there is an error instead of a command that waits for
/// a writer forever.
/// </remarks>
public static class EnvFileReader
{
    /// <summary>Files larger than this are not read: 20 times the largest file the benchmarks read at scale.</summary>
    public const long MaxBytes = 1L << 30;

    public static EnvDocument Read(string file) => Read(file, out _);

    /// <summary>Reads a file; <paramref name="text"/> keeps its BOM flag so an edit can write it back.</summary>
    public static EnvDocument Read(string file, out EnvFileText text) => Read(file, ChunkedFromBytes, out text);

    /// <summary>Reads a file the layout found: only a regular file, or a link to one.</summary>
    public static EnvDocument ReadLayer(string file) => ReadLayer(file, out _);

    /// <summary>As <see cref="ReadLayer(string)"/>; <paramref name="text"/> keeps its BOM flag so an edit can write it back.</summary>
    public static EnvDocument ReadLayer(string file, out EnvFileText text) => Read(file, ChunkedFromBytes, out text, regularOnly: true);

    /// <summary>Files of this size and more are decoded in chunks (<see cref="EnvFileCodec.TryDecodeInChunks"/>).</summary>
    internal const long ChunkedFromBytes = 4L << 20;

    internal static EnvDocument Read(string file, long chunkedFromBytes, out EnvFileText text, bool regularOnly = false)
    {
        byte[] bytes;
        try
        {
            using (SafeFileHandle handle = regularOnly
                ? RegularFile.OpenRead(file, followLinks: true)
                : File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan))
            {
                long length = LengthOf(handle);
                if (length > MaxBytes)
                {
                    throw TooLarge(file, length);
                }

                if (length >= chunkedFromBytes && EnvFileCodec.TryDecodeInChunks(handle, length) is { } decoded)
                {
                    text = decoded;
                    return Parse(decoded, file);
                }

                bytes = ReadWhole(handle, length, file);
            }
        }
        catch (FileNotFoundException ex)
        {
            throw new ConfigFileException(ProblemId.ConfigFileNotFound, file, $"The config file '{file}' does not exist.", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new ConfigFileException(ProblemId.ConfigFileNotFound, file, $"The config file '{file}' does not exist.", ex);
        }
        catch (NotRegularFileException ex)
        {
            throw new ConfigFileException(ProblemId.ConfigFileUnreadable, file, $"The config file '{file}' is a {ex.Kind}, not a regular file: a layer is read only from a regular file or a link to one (a pipe only when named with -Path).", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigFileException(ProblemId.ConfigFileUnreadable, file, $"The config file '{file}' cannot be read: {ex.Message}", ex);
        }

        try
        {
            text = EnvFileCodec.Decode(bytes, file);
        }
        catch (EnvFileSyntaxException ex)
        {
            throw new ConfigFileException(ProblemId.ConfigFileSyntax, file, ex.Message, ex);
        }

        return Parse(text, file);
    }

    // The file's length, or -1 for a pipe (what `-Path <(...)` names), which has neither a length nor positions.
    private static long LengthOf(SafeFileHandle handle)
    {
        try
        {
            return RandomAccess.GetLength(handle);
        }
        catch (NotSupportedException)
        {
            return -1;
        }
    }

    // The bytes of the open file, read once. A pipe is read through the handle to its end; a file that gives no
    // length up front (0, as /proc files do) or grew past it is read to its end by path, as File.ReadAllBytes reads.
    private static byte[] ReadWhole(SafeFileHandle handle, long length, string file)
    {
        if (length < 0)
        {
            using var pipe = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            using var content = new MemoryStream();
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = pipe.Read(buffer)) > 0;)
            {
                content.Write(buffer, 0, read);
                if (content.Length > MaxBytes)
                {
                    throw TooLarge(file, content.Length);
                }
            }

            return content.ToArray();
        }

        if (length is > 0 and <= int.MaxValue)
        {
            var bytes = new byte[length];
            int read = HandleReads.Fill(handle, bytes, 0);
            if (read < bytes.Length)
            {
                return bytes.AsSpan(0, read).ToArray(); // it shrank while read
            }

            if (HandleReads.EndsAt(handle, read))
            {
                return bytes;
            }
        }

        return File.ReadAllBytes(file);
    }

    private static ConfigFileException TooLarge(string file, long length) =>
        new(ProblemId.ConfigFileUnreadable, file, string.Format(System.Globalization.CultureInfo.CurrentCulture, "The config file '{0}' is {1:N0} bytes or more; env files are read up to {2:N0} bytes.", file, length, MaxBytes));

    private static EnvDocument Parse(EnvFileText text, string file)
    {
        try
        {
            return EnvDocument.Parse(text.Text, file);
        }
        catch (EnvFileSyntaxException ex)
        {
            throw new ConfigFileException(ProblemId.ConfigFileSyntax, file, ex.Message, ex);
        }
    }
}

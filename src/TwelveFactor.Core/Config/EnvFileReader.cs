using System;
using System.IO;
using Microsoft.Win32.SafeHandles;
using TwelveFactor.Core.Foundation.IO;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Config;

/// <summary>Reads and parses one env file, turning every failure into a <see cref="ConfigFileException"/>.</summary>
public static class EnvFileReader
{
    public static EnvDocument Read(string file) => Read(file, out _);

    /// <summary>Reads a file; <paramref name="text"/> keeps its BOM flag so an edit can write it back.</summary>
    public static EnvDocument Read(string file, out EnvFileText text) => Read(file, ChunkedFromBytes, out text);

    /// <summary>Files of this size and more are decoded in chunks (<see cref="EnvFileCodec.TryDecodeInChunks"/>).</summary>
    internal const long ChunkedFromBytes = 4L << 20;

    internal static EnvDocument Read(string file, long chunkedFromBytes, out EnvFileText text)
    {
        byte[] bytes;
        try
        {
            using (SafeFileHandle handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan))
            {
                long length = LengthOf(handle);
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
            pipe.CopyTo(content);
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

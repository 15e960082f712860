using System;
using System.IO;
using Microsoft.Win32.SafeHandles;

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
                long length = RandomAccess.GetLength(handle);
                if (length >= chunkedFromBytes && EnvFileCodec.TryDecodeInChunks(handle, length) is { } decoded)
                {
                    text = decoded;
                    return Parse(decoded, file);
                }
            }

            bytes = File.ReadAllBytes(file);
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

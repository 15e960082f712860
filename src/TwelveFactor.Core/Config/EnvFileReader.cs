using System;
using System.IO;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Config;

/// <summary>Reads and parses one env file, turning every failure into a <see cref="ConfigFileException"/>.</summary>
public static class EnvFileReader
{
    public static EnvDocument Read(string file) => Read(file, out _);

    /// <summary>Reads a file; <paramref name="text"/> keeps its BOM flag so an edit can write it back.</summary>
    public static EnvDocument Read(string file, out EnvFileText text)
    {
        byte[] bytes;
        try
        {
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
            return EnvDocument.Parse(text.Text, file);
        }
        catch (EnvFileSyntaxException ex)
        {
            throw new ConfigFileException(ProblemId.ConfigFileSyntax, file, ex.Message, ex);
        }
    }
}

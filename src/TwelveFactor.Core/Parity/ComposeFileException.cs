using System;
using TwelveFactor.Core.Foundation;

namespace TwelveFactor.Core.Parity;

/// <summary>
/// A compose file that cannot be read or is not a compose file: names the file and the line. The message
/// describes the problem (YamlDotNet's description, or which part has the wrong shape), never a value.
/// </summary>
public sealed class ComposeFileException : TwelveFactorException
{
    /// <summary>A compose file error at a place in the file.</summary>
    public ComposeFileException(string filePath, int line, int column, string message, Exception? innerException = null)
        : base(ProblemId.ComposeFileInvalid, filePath, message, innerException)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
    }

    /// <summary>The compose file.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line of the problem; 0 when the file could not be read at all.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the problem; 0 when unknown.</summary>
    public int Column { get; }
}

using System;
using TwelveFactor.Core.Foundation;

namespace TwelveFactor.Core.Config;

/// <summary>Why a config file could not be used. The message names the file, never a value.</summary>
public sealed class ConfigFileException : TwelveFactorException
{
    /// <summary>Creates the exception for <paramref name="file"/>.</summary>
    public ConfigFileException(ProblemId problem, string file, string message, Exception? inner = null)
        : base(problem, file, message, inner)
    {
        File = file;
    }

    /// <summary>The file the problem is in.</summary>
    public string File { get; }
}

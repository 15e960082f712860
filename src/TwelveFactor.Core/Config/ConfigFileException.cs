using System;

namespace TwelveFactor.Core.Config;

/// <summary>Why a config file could not be used. The message names the file, never a value.</summary>
public sealed class ConfigFileException : Exception
{
    public ConfigFileException(ConfigFileProblem problem, string file, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        File = file;
    }

    public ConfigFileProblem Problem { get; }

    public string File { get; }
}

using System;

namespace TwelveFactor.Core.Config;

/// <summary>A schema file that cannot be used: it names the file and line.</summary>
public sealed class ConfigSchemaException : Exception
{
    public ConfigSchemaException(string file, int line, string reason, Exception? inner = null)
        : base($"{file}:{line}: {reason}", inner)
    {
        File = file;
        Line = line;
    }

    public string File { get; }

    public int Line { get; }
}

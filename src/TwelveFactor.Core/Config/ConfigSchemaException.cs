using System;
using TwelveFactor.Core.Foundation;

namespace TwelveFactor.Core.Config;

/// <summary>A schema file that cannot be used: it names the file and line.</summary>
public sealed class ConfigSchemaException : TwelveFactorException
{
    public ConfigSchemaException(string file, int line, string reason, Exception? inner = null)
        : base(ProblemId.SchemaInvalid, file, $"{file}:{line}: {reason}", inner)
    {
        File = file;
        Line = line;
    }

    public string File { get; }

    public int Line { get; }
}

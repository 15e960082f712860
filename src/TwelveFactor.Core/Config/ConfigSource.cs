using System;

namespace TwelveFactor.Core.Config;

/// <summary>Where a config value came from: a file and line, or the process environment.</summary>
public sealed record ConfigSource(string? File, int Line, string? EnvironmentVariable)
{
    public static ConfigSource FromFile(string file, int line) => new(file, line, null);

    public static ConfigSource FromProcessEnvironment(string name) => new(null, 0, name);

    public bool IsProcessEnvironment => EnvironmentVariable is not null;

    public override string ToString() => IsProcessEnvironment ? "$env:" + EnvironmentVariable : $"{File}:{Line}";
}

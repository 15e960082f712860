namespace TwelveFactor;

/// <summary>One process type of a Procfile (factor VI): <c>web: bin/web --port $PORT</c>.</summary>
public sealed class ProcessType
{
    internal ProcessType(string name, string command, int line, string path)
    {
        Name = name;
        Command = command;
        Line = line;
        Path = path;
    }

    /// <summary>The type's name (web, worker): what -Formation and -Type name.</summary>
    public string Name { get; }

    /// <summary>The command line, run by the shell with PORT and PS set.</summary>
    public string Command { get; }

    /// <summary>The line of the Procfile it is on.</summary>
    public int Line { get; }

    /// <summary>The Procfile.</summary>
    public string Path { get; }
}

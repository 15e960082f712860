namespace TwelveFactor.Core.Processes;

/// <summary>One process type of a Procfile: <c>web: bundle exec puma -p $PORT</c>.</summary>
/// <param name="Name">The type's name (<c>web</c>).</param>
/// <param name="Command">The command line, run by the shell.</param>
/// <param name="Line">The 1-based line it was read from.</param>
public sealed record ProcessTypeDefinition(string Name, string Command, int Line);
